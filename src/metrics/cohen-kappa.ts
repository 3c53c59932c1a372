/**
 * Cohen's kappa for two raters with nominal labels (Cohen 1960, "A coefficient of agreement for
 * nominal scales", Educational and Psychological Measurement 20:37-46):
 *
 *   κ = (p_o − p_e) / (1 − p_e),  p_o = share of items both raters labelled alike,
 *   p_e = Σ_c p_A(c)·p_B(c), each rater's own label shares (chance agreement).
 *
 * Labels can be any primitive (string, number, boolean). Missing ratings (null/undefined) are
 * handled by pairwise deletion: an item counts only when both raters rated it.
 */

import type { Label } from './label.js';

export type { Label };

export interface CohenKappa {
  /** NaN when undefined (see `defined`). */
  kappa: number;
  /** p_o: share of paired items with equal labels. */
  observed: number;
  /** p_e: agreement expected from the two raters' marginal label shares. */
  expected: number;
  /** Items rated by both raters. */
  n: number;
  /** Items dropped because at least one rater had no rating. */
  missing: number;
  /** Labels seen among the paired items, in first-seen order. */
  categories: Label[];
  /**
   * False when kappa is undefined: n = 0, or p_e = 1 (both raters used one and the same label
   * throughout, so agreement cannot be told apart from chance). `reason` says which.
   */
  defined: boolean;
  reason?: string;
}

export function cohenKappa(raterA: readonly (Label | null | undefined)[], raterB: readonly (Label | null | undefined)[]): CohenKappa {
  if (raterA.length !== raterB.length) {
    throw new RangeError(`cohenKappa: both raters need one entry per item (use null for missing), got ${raterA.length} and ${raterB.length}`);
  }
  const countA = new Map<Label, number>();
  const countB = new Map<Label, number>();
  let n = 0;
  let agree = 0;
  for (let i = 0; i < raterA.length; i++) {
    const a = raterA[i];
    const b = raterB[i];
    if (a === null || a === undefined || b === null || b === undefined) continue;
    checkLabel(a);
    checkLabel(b);
    n++;
    if (a === b) agree++;
    countA.set(a, (countA.get(a) ?? 0) + 1);
    countB.set(b, (countB.get(b) ?? 0) + 1);
  }
  const missing = raterA.length - n;
  const categories = [...new Set([...countA.keys(), ...countB.keys()])];
  if (n === 0) {
    return { kappa: NaN, observed: NaN, expected: NaN, n, missing, categories, defined: false, reason: 'no item was rated by both raters' };
  }
  let expected = 0;
  for (const c of categories) expected += ((countA.get(c) ?? 0) / n) * ((countB.get(c) ?? 0) / n);
  const observed = agree / n;
  // p_e = 1 exactly only when both raters used one identical label for every item.
  if (categories.length === 1) {
    return { kappa: NaN, observed, expected: 1, n, missing, categories, defined: false, reason: 'both raters used a single, identical label for every item (p_e = 1)' };
  }
  return { kappa: (observed - expected) / (1 - expected), observed, expected, n, missing, categories, defined: true };
}

function checkLabel(x: unknown): void {
  if (typeof x === 'number' && Number.isNaN(x)) throw new RangeError('cohenKappa: NaN is not a label (use null for a missing rating)');
  if (typeof x !== 'string' && typeof x !== 'number' && typeof x !== 'boolean') {
    throw new RangeError(`cohenKappa: labels must be strings, numbers or booleans, got ${typeof x}`);
  }
}
