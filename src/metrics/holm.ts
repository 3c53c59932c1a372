/**
 * Holm–Bonferroni step-down adjustment (Holm 1979, "A simple sequentially rejective multiple test
 * procedure", Scand J Statist 6:65-70), in the adjusted-p form of R's p.adjust(method = "holm"):
 *
 *   sort p ascending: p_(1) ≤ … ≤ p_(m)
 *   adj_(i) = min(1, max_{j ≤ i} (m − j + 1)·p_(j))
 *
 * H_(i) is rejected at level α iff adj_(i) ≤ α, which is the same as Holm's sequential rule
 * (reject while p_(i) ≤ α/(m − i + 1), stop at the first failure). Controls the family-wise error
 * rate under any dependence between the tests.
 *
 * NaN p-values (an undefined test upstream) stay NaN, are never significant, and do not count
 * towards m, as R does with NA.
 */

export interface HolmResult {
  /** Adjusted p-values in the input order. */
  adjusted: number[];
  /** adjusted ≤ alpha, in the input order. */
  significant: boolean[];
  alpha: number;
  /** Number of tests adjusted for (non-NaN p-values). */
  m: number;
}

export function holm(pValues: readonly number[], alpha = 0.05): HolmResult {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`holm: alpha must be in (0, 1), got ${alpha}`);
  pValues.forEach((p, i) => {
    if (typeof p !== 'number' || (!Number.isNaN(p) && !(p >= 0 && p <= 1))) throw new RangeError(`holm: p-values must be in [0, 1] (or NaN), got ${p} at ${i}`);
  });
  const order = pValues
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => !Number.isNaN(p))
    .sort((x, y) => x.p - y.p || x.i - y.i);
  const m = order.length;
  const adjusted: number[] = pValues.map(() => NaN);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    // The running max keeps adjusted values monotone in the sorted order.
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return { adjusted, significant: adjusted.map((a) => a <= alpha), alpha, m };
}
