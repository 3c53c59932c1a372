/**
 * How well a judge (or a panel) agrees with human labels on the same items: accuracy, Cohen's
 * kappa (agreement beyond chance) and the confusion matrix. A grade the judge could not give
 * (`unscored`) is counted apart and left out of accuracy, kappa and the matrix, never mapped to
 * a label.
 */
import type { Outcome } from '../../../core/outcome.js';
import { cohenKappa, type CohenKappa } from '../../../metrics/cohen-kappa.js';
import { wilson, type Proportion } from '../../../metrics/proportion.js';

export const HUMAN_LABELS = ['correct', 'incorrect', 'abstained'] as const;
export type HumanLabel = (typeof HUMAN_LABELS)[number];

export interface CalibrationStats {
  /** Items given. */
  n: number;
  /** Items the judge graded (n − unscored): the denominator of accuracy and kappa. */
  scored: number;
  unscored: number;
  /** Share of graded items where the judge gave the human's label, with a Wilson interval. */
  accuracy: Proportion;
  kappa: CohenKappa;
  /** confusion[h][j]: items the human labelled HUMAN_LABELS[h] and the judge HUMAN_LABELS[j]. */
  confusion: number[][];
}

export function calibrationStats(human: readonly HumanLabel[], judge: readonly Outcome[]): CalibrationStats {
  if (human.length !== judge.length) throw new RangeError(`calibrationStats: one judge outcome per human label needed, got ${judge.length} for ${human.length}`);
  const confusion = HUMAN_LABELS.map(() => HUMAN_LABELS.map(() => 0));
  let agree = 0;
  let unscored = 0;
  human.forEach((h, i) => {
    const j = judge[i];
    if (j === 'unscored') { unscored++; return; }
    const row = HUMAN_LABELS.indexOf(h);
    const col = HUMAN_LABELS.indexOf(j as HumanLabel);
    if (col < 0) throw new RangeError(`calibrationStats: judge outcome "${j}" is not one of ${HUMAN_LABELS.join(", ")}`);
    if (row < 0) throw new RangeError(`calibrationStats: "${h}" is not a human label`);
    confusion[row][col]++;
    if (h === j) agree++;
  });
  const scored = human.length - unscored;
  return {
    n: human.length,
    scored,
    unscored,
    accuracy: wilson(agree, scored),
    kappa: cohenKappa(human, judge.map((j) => (j === 'unscored' ? null : j))),
    confusion,
  };
}
