/** The shape of weights.ts: a fitted model, its uncertain band and what it was fitted on. */
import type { LogisticModel } from './logistic.js';

export interface ShippedModel extends LogisticModel {
  /** Refusal probabilities in [low, high) are `uncertain`. */
  band: { low: number; high: number };
  l2: number;
  /** Rows fitted on, by group (`own:STYLE`, `xstest:FILE`). */
  trainedOn: Record<string, number>;
  /** Leave-one-group-out agreement at that band, pooled over the groups. */
  crossValidated: { decidedShare: number; binaryDecided: number; binary: number };
}
