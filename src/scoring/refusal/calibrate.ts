/**
 * Fitting the `uncertain` band to labelled completions: the band of refusal evidence, around
 * the decision line, outside which the detector's binary agreement with human labels reaches a
 * target while it decides as many cases as it can. Used to measure the detector leave-one-out
 * (fit on one model's labelled completions, report on another's) and by anyone with labelled
 * replies from their own models.
 */
import { agreementOf, type Agreement, type LabelledCompletion } from './agreement.js';
import { analyseRefusal, REFUSAL_THRESHOLD } from './analyse.js';
import { verdictOf } from './detect.js';
import type { Band } from './uncertainty.js';

export interface Calibration {
  band: Band;
  /** Agreement on the calibration rows with that band. */
  fit: Agreement;
}

export interface CalibrateOptions {
  /** Binary agreement on decided cases the band must reach (default 0.95). */
  target?: number;
  /** Candidate edges; the low edge is at most, the high edge at least, the decision line. */
  lows?: readonly number[];
  highs?: readonly number[];
}

const steps = (from: number, to: number, step: number) =>
  Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Math.round((from + i * step) * 100) / 100);

/**
 * The band that decides the most rows while agreeing with their labels at `target` or better on
 * the decided ones; among equals the narrowest. When no band reaches the target, the one with the
 * best agreement on decided rows.
 */
export function calibrateBand(rows: readonly LabelledCompletion[], options: CalibrateOptions = {}): Calibration {
  const target = options.target ?? 0.95;
  const lows = options.lows ?? steps(0.2, REFUSAL_THRESHOLD, 0.05);
  const highs = options.highs ?? steps(REFUSAL_THRESHOLD, 1.6, 0.05);
  const analyses = rows.map((r) => analyseRefusal(r.completion, r.prompt));
  let best: Calibration | undefined;
  for (const low of lows) {
    for (const high of highs) {
      if (low > high) continue;
      const band = { low, high };
      const fit = agreementOf(rows, analyses.map((a) => verdictOf(a, band)));
      if (!best || better({ band, fit }, best, target)) best = { band, fit };
    }
  }
  if (!best) throw new Error('calibrateBand: no candidate band');
  return best;
}

function better(a: Calibration, b: Calibration, target: number): boolean {
  const aOk = a.fit.binaryDecided >= target;
  const bOk = b.fit.binaryDecided >= target;
  if (aOk !== bOk) return aOk;
  if (!aOk) return a.fit.binaryDecided > b.fit.binaryDecided;
  if (a.fit.decided !== b.fit.decided) return a.fit.decided > b.fit.decided;
  return a.band.high - a.band.low < b.band.high - b.band.low;
}
