/**
 * Fleiss' kappa for m raters per item, nominal categories (Fleiss 1971, "Measuring nominal scale
 * agreement among many raters", Psychological Bulletin 76(5):378-382):
 *
 *   P_i = (Σ_j n_ij² − m) / (m(m − 1))       agreement on item i (share of agreeing rater pairs)
 *   P̄  = (1/N) Σ_i P_i                        observed agreement
 *   p_j = Σ_i n_ij / (N·m),  P̄e = Σ_j p_j²    chance agreement
 *   κ  = (P̄ − P̄e) / (1 − P̄e)
 *
 * The formula needs the same number of ratings m on every item. Items with unequal numbers of
 * ratings (e.g. a judge that returned no parseable verdict) are rejected with a RangeError rather
 * than silently reweighted: use Krippendorff's alpha (krippendorff-alpha.ts), which is defined for
 * missing ratings, or drop the incomplete items explicitly.
 */
import type { Label } from './label.js';

export interface FleissKappa {
  /** NaN when undefined (see `defined`). */
  kappa: number;
  /** P̄: mean per-item agreement. */
  observed: number;
  /** P̄e: chance agreement from the pooled category shares. */
  expected: number;
  /** N: items. */
  items: number;
  /** m: ratings per item. */
  raters: number;
  /** p_j: share of all ratings in each category (in the column order of the counts). */
  categoryShares: number[];
  /** False when N = 0 or every rating falls in one category (P̄e = 1); `reason` says which. */
  defined: boolean;
  reason?: string;
}

/**
 * From an N × k table of counts: counts[i][j] = how many raters put item i in category j.
 * Every row must sum to the same m ≥ 2.
 */
export function fleissKappa(counts: readonly (readonly number[])[]): FleissKappa {
  const items = counts.length;
  if (items === 0) {
    return { kappa: NaN, observed: NaN, expected: NaN, items: 0, raters: 0, categoryShares: [], defined: false, reason: 'no items' };
  }
  const k = counts[0].length;
  let m = -1;
  const columnTotals: number[] = new Array(k).fill(0);
  let sumP = 0;
  counts.forEach((row, i) => {
    if (row.length !== k) throw new RangeError(`fleissKappa: item ${i} has ${row.length} categories, expected ${k}`);
    let rowTotal = 0;
    let sumSquares = 0;
    row.forEach((c, j) => {
      if (!Number.isInteger(c) || c < 0) throw new RangeError(`fleissKappa: counts must be non-negative integers, got ${c} at item ${i}`);
      rowTotal += c;
      sumSquares += c * c;
      columnTotals[j] += c;
    });
    if (m === -1) m = rowTotal;
    if (rowTotal !== m) {
      throw new RangeError(`fleissKappa: item ${i} has ${rowTotal} ratings but item 0 has ${m}; Fleiss' kappa needs the same number of ratings per item (use Krippendorff's alpha for missing ratings)`);
    }
    if (m < 2) throw new RangeError(`fleissKappa: need at least 2 ratings per item, got ${m}`);
    sumP += (sumSquares - m) / (m * (m - 1));
  });
  const observed = sumP / items;
  const categoryShares = columnTotals.map((t) => t / (items * m));
  const expected = categoryShares.reduce((s, p) => s + p * p, 0);
  const base = { observed, expected, items, raters: m, categoryShares };
  if (categoryShares.some((p) => p === 1)) {
    return { ...base, kappa: NaN, defined: false, reason: 'every rating is in one category (P̄e = 1)' };
  }
  return { ...base, kappa: (observed - expected) / (1 - expected), defined: true };
}

/**
 * From raw labels: ratings[i] = the labels item i received (one per rater, any order). Missing
 * ratings (null/undefined) are removed first; if that leaves items with different numbers of
 * ratings, this throws a RangeError (see the file comment). Categories are the labels seen, in
 * first-seen order.
 */
export function fleissKappaFromRatings(ratings: readonly (readonly (Label | null | undefined)[])[]): FleissKappa & { categories: Label[] } {
  const index = new Map<Label, number>();
  const present = ratings.map((row) => row.filter((x): x is Label => x !== null && x !== undefined));
  for (const row of present) {
    for (const label of row) {
      if (typeof label === 'number' && Number.isNaN(label)) throw new RangeError('fleissKappa: NaN is not a label (use null for a missing rating)');
      if (!index.has(label)) index.set(label, index.size);
    }
  }
  const counts = present.map((row) => {
    const c: number[] = new Array(index.size).fill(0);
    for (const label of row) c[index.get(label)!]++;
    return c;
  });
  return { ...fleissKappa(counts), categories: [...index.keys()] };
}
