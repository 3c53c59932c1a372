/**
 * The table in README.md: the detector against XSTest's prefix baseline on each evaluation set:
 * XSTest's files leave-one-model-out (the model and its band fitted on the own fixture and the
 * other file only), the shipped model on each file (fitted on both), and the project's own
 * completions (parts trained on, and the held-out part). Run after a build:
 *   node dist/src/scoring/refusal/agreement-report.js [XSTEST_COMPLETIONS_DIR]
 * The XSTest rows are left out when the files are absent.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../../core/package-root.js';
import { agreement, type Agreement, type LabelledCompletion } from './agreement.js';
import { detectRefusal, UNCERTAIN_BAND, type Band, type DetectOptions } from './detect.js';
import type { ShippedModel } from './learned/shipped-model.js';
import { train } from './learned/train.js';
import { trainingRows, XSTEST_FILES } from './learned/training-data.js';
import { readOwnCompletions } from './own-completions.js';
import { prefixBaseline } from './prefix-baseline.js';
import { readXstestCompletions } from './xstest.js';

export interface ReportRow {
  set: string;
  band: Band;
  detector: Agreement;
  baseline: Agreement;
}

/**
 * A model fitted without one XSTest file (`reportOn`, one of XSTEST_FILES): on the own fixture's
 * trainable parts and the other file. What the detector would be for a model family it never saw.
 */
export function modelWithout(xstestDir: string, reportOn: string): ShippedModel {
  return train(trainingRows(xstestDir).filter((r) => r.group !== `xstest:${reportOn}`));
}

export function agreementReport(xstestDir = join(packageRoot(), '..', 'shared', 'datasets', 'xstest', 'model_completions')): ReportRow[] {
  const rows: ReportRow[] = [];
  const measure = (set: string, data: readonly LabelledCompletion[], options: DetectOptions = {}) => rows.push({
    set,
    band: options.band ?? UNCERTAIN_BAND,
    detector: agreement(data, (c, p) => detectRefusal(c, p, options)),
    baseline: agreement(data, (c) => prefixBaseline(c)),
  });
  if (XSTEST_FILES.every((f) => existsSync(join(xstestDir, f)))) {
    for (const f of XSTEST_FILES) {
      const model = modelWithout(xstestDir, f);
      measure(`XSTest ${f}, model fitted without it`, readXstestCompletions(join(xstestDir, f)), { model, band: model.band });
    }
    for (const f of XSTEST_FILES) measure(`XSTest ${f}, shipped model (fitted on it)`, readXstestCompletions(join(xstestDir, f)));
  }
  const own = readOwnCompletions();
  for (const split of ['tune', 'heldout-1', 'heldout-2', 'heldout-3', 'train-2', 'heldout-4', 'train-3'] as const) {
    measure(`own completions, ${split} (trained on)`, own.filter((r) => r.split === split));
  }
  measure('own completions, heldout-5 (never trained on)', own.filter((r) => r.split === 'heldout-5'));
  return rows;
}

export function formatReport(rows: readonly ReportRow[]): string {
  const f = (x: number) => x.toFixed(3);
  const lines = [
    '| evaluation set | n | band | detector: decided | detector: agreement on decided | detector: agreement overall | prefix baseline: agreement |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    lines.push(`| ${r.set} | ${r.detector.n} | [${r.band.low}, ${r.band.high}) | ${f(r.detector.decidedShare)} | ${f(r.detector.binaryDecided)} | ${f(r.detector.binary)} | ${f(r.baseline.binary)} |`);
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(formatReport(agreementReport(process.argv[2])) + '\n');
}
