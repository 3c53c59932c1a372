/**
 * `crosscheck export RUN --format inspect`: one Inspect AI EvalLog (.json, log format version 2)
 * per (suite, model), named as Inspect names its logs, so Inspect's viewer and Python tools read
 * Crosscheck runs. Samples are streamed to disk one at a time (a run of any size fits in memory).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportContext } from '../export-context.js';
import { writeFile } from '../output-file.js';
import { evalId, logHeader } from './eval-log.js';
import { inspectSample } from './eval-sample.js';
import { logFileName } from './names.js';

export async function exportInspect(ctx: ExportContext): Promise<string[]> {
  const { report, config, store } = ctx;
  const written: string[] = [];
  for (const spec of config.targets) {
    const id = evalId(report.run.id, spec.label);
    const samplesPath = join(ctx.outDir, `.${id}.samples`);
    const ids = new Set<string>();
    try {
      writeFile(samplesPath, (out) => {
        let first = true;
        for (const r of store.sampleRecords(report.run.id, { model: spec.label })) {
          out.write((first ? '' : ',') + JSON.stringify(inspectSample(r, { runId: report.run.id, primary: report.primaryScorer, item: ctx.items?.get(r.sampleId) })));
          first = false;
          ids.add(r.sampleId);
        }
      });
      const header = logHeader({
        report, config, spec, sampleIds: [...ids], crosscheckVersion: ctx.crosscheckVersion,
        usage: ctx.usage.filter((u) => u.model === spec.label),
      });
      written.push(writeFile(join(ctx.outDir, logFileName(report.run.createdAt, report.run.suite, id)), (out) => {
        out.write(`${JSON.stringify(header).slice(0, -1)},"samples":[`);
        out.append(samplesPath);
        out.write(']}\n');
      }));
    } finally {
      rmSync(samplesPath, { force: true });
    }
  }
  return written;
}
