/**
 * Fitting the `uncertain` band to labelled completions: the band of refusal probability around
 * 0.5 outside which the detector's binary agreement with human labels reaches a target while it
 * decides as many cases as it can. For anyone with labelled replies from their own models (the
 * shipped band is fitted by learned/train.ts, leave-one-group-out).
 */
import { agreementOf, type Agreement, type LabelledCompletion } from './agreement.js';
import { analyseRefusal } from './analyse.js';
import { verdictOf } from './detect.js';
import { refusalProbability } from './learned/model.js';
import type { Band } from './uncertainty.js';

export interface Calibration {
  band: Band;
  /** Agreement on the calibration rows with that band. */
  fit: Agreement;
}

export interface CalibrateOptions {
  /** Binary agreement on decided cases the band must reach (default 0.95). */
  target?: number;
  /** Candidate half-widths around 0.5 (default 0 to 0.45 by 0.025). */
  halfWidths?: readonly number[];
}

const DEFAULT_HALF_WIDTHS = Array.from({ length: 19 }, (_, i) => Math.round(i * 25) / 1000);

/**
 * The band that decides the most rows while agreeing with their labels at `target` or better on
 * the decided ones; among equals the narrowest. When no band reaches the target, the one with the
 * best agreement on decided rows.
 */
export function calibrateBand(rows: readonly LabelledCompletion[], options: CalibrateOptions = {}): Calibration {
  const target = options.target ?? 0.95;
  const scored = rows.map((r) => {
    const a = analyseRefusal(r.completion, r.prompt);
    return { a, p: a.empty ? 1 : refusalProbability(r.completion, r.prompt, a) };
  });
  let best: Calibration | undefined;
  for (const h of options.halfWidths ?? DEFAULT_HALF_WIDTHS) {
    const band = { low: Math.round((0.5 - h) * 1000) / 1000, high: Math.round((0.5 + h) * 1000) / 1000 };
    const fit = agreementOf(rows, scored.map(({ a, p }) => verdictOf(a, p, band)));
    if (!best || better({ band, fit }, best, target)) best = { band, fit };
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
