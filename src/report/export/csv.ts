/**
 * `--format csv`: one row per model × sample × epoch, for a spreadsheet: the grouping keys, the
 * outcome metrics use, each scorer's label, the final answer and token counts. Whole
 * transcripts are in the jsonl and inspect formats. Written a batch of rows at a time.
 */
import { join } from 'node:path';
import { formatCsv } from '../../datasets/csv.js';
import type { SampleRecord } from '../../store/browse-records.js';
import { sampleOutcome } from '../sample-outcome.js';
import type { ExportContext } from './export-context.js';
import { writeFile } from './output-file.js';

const BATCH = 1000;

export async function exportCsv(ctx: ExportContext): Promise<string[]> {
  const groups = ctx.report.layout.groups.map((g) => g.key);
  const header = [
    'run_id', 'suite', 'model', 'sample_id', 'epoch', 'status', ...groups.map((g) => `group:${g}`),
    'outcome', 'human_label', 'judges_disagree', 'value', ...ctx.scorers.map((s) => `score:${s}`),
    'output', 'error', 'input_tokens', 'output_tokens', 'completed_at',
  ];
  return [writeFile(join(ctx.outDir, `${ctx.report.run.id}.csv`), (out) => {
    let batch: string[][] = [header];
    for (const r of ctx.store.sampleRecords(ctx.report.run.id)) {
      batch.push(row(r, ctx, groups));
      if (batch.length >= BATCH) (out.write(formatCsv(batch)), (batch = []));
    }
    if (batch.length) out.write(formatCsv(batch));
  })];
}

function row(r: SampleRecord, ctx: ExportContext, groups: string[]): string[] {
  const { outcome, human, disagree } = sampleOutcome(r, ctx.report.primaryScorer);
  const scoreOf = (name: string) => r.scores.find((s) => s.scorer === name);
  const human_ = scoreOf('human');
  const value = (human_ ?? scoreOf(ctx.report.primaryScorer))?.value;
  const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  const tokens = (k: 'inputTokens' | 'outputTokens') => String(r.generations.filter((g) => g.role === 'target').reduce((n, g) => n + g.generation.usage[k], 0));
  return [
    ctx.report.run.id, ctx.report.run.suite, r.model, r.sampleId, String(r.epoch), r.status, ...groups.map((g) => text(r.metadata[g])),
    text(outcome), human ? 'yes' : 'no', disagree ? 'yes' : 'no', text(value), ...ctx.scorers.map((s) => text(scoreOf(s)?.outcome)),
    text(r.output), text(r.error), tokens('inputTokens'), tokens('outputTokens'), r.completedAt,
  ];
}
