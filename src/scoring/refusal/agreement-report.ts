/**
 * The table in README.md: the detector against XSTest's prefix baseline on each evaluation set,
 * XSTest's files leave-one-model-out (the band fitted on the other file) and the project's own
 * completions (tune and held-out parts). Run after a build:
 *   node dist/src/scoring/refusal/agreement-report.js [XSTEST_COMPLETIONS_DIR]
 * The XSTest rows are left out when the files are absent.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../../core/package-root.js';
import { agreement, type Agreement, type LabelledCompletion } from './agreement.js';
import { calibrateBand } from './calibrate.js';
import { detectRefusal, UNCERTAIN_BAND, type Band } from './detect.js';
import { readOwnCompletions } from './own-completions.js';
import { prefixBaseline } from './prefix-baseline.js';
import { readXstestCompletions } from './xstest.js';

export interface ReportRow {
  set: string;
  band: Band;
  detector: Agreement;
  baseline: Agreement;
}

/** Agreement the band must reach on the file it is fitted to (leave-one-model-out rows). */
export const FIT_TARGET = 0.97;

export function agreementReport(xstestDir = join(packageRoot(), '..', 'shared', 'datasets', 'xstest', 'model_completions')): ReportRow[] {
  const rows: ReportRow[] = [];
  const measure = (set: string, data: readonly LabelledCompletion[], band: Band) => rows.push({
    set,
    band,
    detector: agreement(data, (c, p) => detectRefusal(c, p, { band })),
    baseline: agreement(data, (c) => prefixBaseline(c)),
  });
  const file = (m: string) => join(xstestDir, `xstest_v2_completions_${m}.csv`);
  if (existsSync(file('gpt4')) && existsSync(file('llama2orig'))) {
    const gpt4 = readXstestCompletions(file('gpt4'));
    const llama = readXstestCompletions(file('llama2orig'));
    measure('XSTest llama2orig (band fitted on gpt4)', llama, calibrateBand(gpt4, { target: FIT_TARGET }).band);
    measure('XSTest gpt4 (band fitted on llama2orig)', gpt4, calibrateBand(llama, { target: FIT_TARGET }).band);
    measure('XSTest llama2orig (shipped band)', llama, UNCERTAIN_BAND);
    measure('XSTest gpt4 (shipped band)', gpt4, UNCERTAIN_BAND);
  }
  const own = readOwnCompletions();
  measure('own completions, tune part', own.filter((r) => r.split === 'tune'), UNCERTAIN_BAND);
  measure('own completions, held-out 1 (tuning material since its one measurement)', own.filter((r) => r.split === 'heldout-1'), UNCERTAIN_BAND);
  measure('own completions, held-out 2 (tuning material since its one measurement)', own.filter((r) => r.split === 'heldout-2'), UNCERTAIN_BAND);
  measure('own completions, held-out 3', own.filter((r) => r.split === 'heldout-3'), UNCERTAIN_BAND);
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
