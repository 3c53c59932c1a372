/**
 * `--format jsonl`: one line per model × sample × epoch with everything stored for it (the whole
 * conversation with who said each turn, every grader's label, value and reason, usage), plus its
 * outcome as metrics use it. For pandas, jq, DuckDB and the like.
 */
import { join } from 'node:path';
import type { SampleRecord } from '../../store/browse-records.js';
import { sampleOutcome } from '../sample-outcome.js';
import type { ExportContext } from './export-context.js';
import { writeFile } from './output-file.js';

export async function exportJsonl(ctx: ExportContext): Promise<string[]> {
  const { report } = ctx;
  const refs = new Map(ctx.config.targets.map((t) => [t.label, t.ref]));
  return [writeFile(join(ctx.outDir, `${report.run.id}.jsonl`), (out) => {
    for (const r of ctx.store.sampleRecords(report.run.id)) out.write(`${JSON.stringify(line(r, ctx, refs.get(r.model) ?? r.model))}\n`);
  })];
}

function line(r: SampleRecord, ctx: ExportContext, ref: string) {
  const item = ctx.items?.get(r.sampleId);
  const { outcome, human, disagree } = sampleOutcome(r, ctx.report.primaryScorer);
  return {
    run_id: ctx.report.run.id, suite: ctx.report.run.suite, suite_version: ctx.report.run.suiteVersion,
    model: r.model, model_ref: ref, sample_id: r.sampleId, epoch: r.epoch, status: r.status,
    metadata: r.metadata,
    ...(item ? { input: item.input, target: item.target } : {}),
    messages: r.messages, output: r.output, error: r.error,
    outcome, human_label: human, judges_disagree: disagree, primary_scorer: ctx.report.primaryScorer,
    scores: r.scores.map((s) => ({
      scorer: s.scorer, outcome: s.outcome, value: s.value, explanation: s.explanation, unscored_reason: s.unscoredReason,
      judge: s.judge, judge_reply: s.judgeReply, prompt_version: s.promptVersion, details: s.details,
    })),
    calls: r.generations.map((g) => ({
      role: g.role, model_ref: g.modelRef, returned_model: g.generation.returnedModel, input_tokens: g.generation.usage.inputTokens,
      output_tokens: g.generation.usage.outputTokens, latency_ms: g.generation.latencyMs, cached: g.generation.cached === true,
    })),
    completed_at: r.completedAt,
  };
}
