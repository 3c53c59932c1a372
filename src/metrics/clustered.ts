/**
 * Intervals for a headline proportion or mean score when outcomes come in clusters: the K epochs
 * of one sample, the variants of one request. Use these for every headline number of a run with
 * K > 1 (cluster = sample id); with one outcome per cluster they reduce to the plain intervals.
 *
 * Pooling K epochs as independent draws overstates the information when items differ in
 * difficulty: in our simulation (5 epochs, 20 items, item rates Beta-distributed around 0.5–0.95)
 * the pooled Wilson interval covered 78–90% instead of 95%. Both functions here treat the
 * cluster as the unit of independence and use the CR1 cluster-robust variance
 * (Cameron & Miller 2015, "A practitioner's guide to cluster-robust inference", §VI: G/(G − 1)
 * correction, t quantile with G − 1 df), computed by `clusterRobustInterval`.
 *
 * clusteredProportion (0/1 values), method 'wilson-design-effect-t':
 *   Wilson score interval on the effective sample size n/deff with the t_{G−1} quantile (the
 *   design-effect approach of Korn & Graubard 1998, Survey Methodology 24:193, with Wilson in
 *   place of Clopper-Pearson). deff = Var_CR1 / (p(1 − p)/n). Near 0% or 100% the design effect
 *   cannot be estimated (one failure is always "in one cluster"), so it is shrunk towards the
 *   largest possible value, n/G* (every cluster one draw; G* = n²/Σn_g²), with the weight of one
 *   minority outcome:  deff = (k_min·deff̂ + n/G*) / (k_min + 1),  clamped to [1, n/G*].
 *   All-correct data thus gets the Wilson interval of G* draws (never zero width), and a single
 *   failure moves it smoothly. With one item per cluster this is exactly the Wilson interval
 *   (method 'wilson'): nothing about the spread is estimated, so z is used, not t.
 *
 * clusteredMean (a score within known bounds [lo, hi]), method 'cluster-robust-t-floored':
 *   estimate ± t_{G−1}·SE_CR1, widened where needed so each side reaches at least the
 *   zero-event Wilson bound on unseen values: a share q = z²/(G* + z²) of the population could
 *   sit at a bound without showing in G* clusters, so lower ≤ m − q(m − lo), upper ≥ m + q(hi − m).
 *   This keeps the interval honest when every value is equal (t alone gives zero width) and when
 *   a rare extreme value was not drawn. With one item per cluster it is the Student t interval
 *   plus that floor. It is used even when the values happen to be only the two bounds (a
 *   penalised score with no abstention): there the Wilson interval dips to 90% coverage at
 *   n = 10 and a 99% rate, this one does not.
 *
 * Coverage (95% nominal). Proportions, simulated (K = 2–10 epochs, G = 5–50 items, mean rate
 * 0.5–0.99, item rates from constant to Beta with a + b = 2): 94.1–100%, mean 97.9%; the pooled
 * Wilson interval on the same data 62–98%. Bounded means with K = 1, computed exactly over every
 * outcome of three-valued penalised scores (n = 5–50, a wrong answer costing 1 or 9, rates on a
 * 0.05 grid): mean 95–99% at every n; minimum 93.2% for n ≥ 30, but 88.8% at n = 10 (a rate of
 * 0.65 with no abstention) — any interval that is not conservative has such dips at small n.
 * With 20 items × 5 epochs a run with every outcome correct gets a lower bound of 0.82 and one
 * with a single failure 0.87: with no failure at all, nothing says how failures would cluster.
 */
import { clusterRobustInterval, type ClusteredValue } from './cluster-bootstrap.js';
import { wilson, wilsonBounds, zFor } from './proportion.js';
import { studentTCritical } from './student-t.js';

export type ClusteredIntervalMethod = 'wilson' | 'wilson-design-effect-t' | 'cluster-robust-t-floored';

/** One line per method, for a report's footnote ("the report must say which"). */
export const CLUSTERED_INTERVAL_METHODS: Record<ClusteredIntervalMethod, string> = {
  wilson: 'Wilson score interval (one outcome per sample)',
  'wilson-design-effect-t': 'Wilson score interval on n / design effect, t quantile with (samples − 1) df; epochs clustered by sample (CR1)',
  'cluster-robust-t-floored': 'mean ± t(samples − 1)·cluster-robust SE (CR1), each side at least the zero-event Wilson bound on unseen values; epochs clustered by sample',
};

export interface ClusteredInterval {
  estimate: number;
  lower: number;
  upper: number;
  /** Items (sample × epoch outcomes). */
  n: number;
  clusters: number;
  /** n²/Σ n_g²: clusters of equal size carrying the same information (= clusters when sizes are equal). */
  effectiveClusters: number;
  /** Variance inflation over independent items that the interval used (1 = none); NaN when not estimable. */
  designEffect: number;
  /** n / designEffect. */
  effectiveN: number;
  method: ClusteredIntervalMethod;
  confidence: number;
  /** False when n = 0 or a mean has fewer than 2 clusters; the numbers are then NaN. */
  defined: boolean;
  reason?: string;
}

export interface ClusteredOptions {
  /** Two-sided confidence level; 0.95 by default. */
  confidence?: number;
}

export interface ClusteredMeanOptions extends ClusteredOptions {
  /** The smallest and largest value a score can take (e.g. [−9, 1] for a penalised score at t = 0.9). */
  bounds: readonly [number, number];
}

export type { ClusteredValue };

/** Interval for the share of 1s among 0/1 values, clustered (see the file comment). */
export function clusteredProportion(rows: readonly ClusteredValue[], opts: ClusteredOptions = {}): ClusteredInterval {
  const confidence = checkConfidence(opts.confidence);
  rows.forEach((r, i) => { if (r.value !== 0 && r.value !== 1) throw new RangeError(`clusteredProportion: row ${i} value must be 0 or 1, got ${r.value}`); });
  const cr = clusterRobustInterval(rows, { smallSampleCorrection: true });
  const { n, clusters, effectiveClusters } = cr;
  const base = { n, clusters, effectiveClusters, confidence };
  if (n === 0) return undefinedInterval(base, 'wilson', 'no items');
  const k = rows.reduce((s, r) => s + r.value, 0);
  const p = k / n;
  if (clusters === n) {
    const w = wilson(k, n, { confidence });
    return { ...base, estimate: p, lower: w.lower, upper: w.upper, designEffect: 1, effectiveN: n, method: 'wilson', defined: true };
  }
  if (clusters < 2) return undefinedInterval({ ...base, estimate: p }, 'wilson-design-effect-t', 'one cluster: no spread between clusters to estimate');
  const largest = n / effectiveClusters;
  const minority = Math.min(k, n - k);
  const estimated = minority === 0 ? largest : clamp(cr.designEffect, 1, largest);
  const designEffect = clamp((minority * estimated + largest) / (minority + 1), 1, largest);
  const effectiveN = n / designEffect;
  const { lower, upper } = wilsonBounds(p, effectiveN, studentTCritical(confidence, clusters - 1));
  return { ...base, estimate: p, lower, upper, designEffect, effectiveN, method: 'wilson-design-effect-t', defined: true };
}

/** Interval for the mean of a bounded score, clustered (see the file comment). */
export function clusteredMean(rows: readonly ClusteredValue[], opts: ClusteredMeanOptions): ClusteredInterval {
  const [lo, hi] = checkBounds(opts?.bounds);
  const confidence = checkConfidence(opts.confidence);
  rows.forEach((r, i) => {
    if (!(r.value >= lo && r.value <= hi)) throw new RangeError(`clusteredMean: row ${i} value ${r.value} is outside the bounds [${lo}, ${hi}]`);
  });
  const cr = clusterRobustInterval(rows, { smallSampleCorrection: true });
  const { n, clusters, effectiveClusters } = cr;
  const base = { n, clusters, effectiveClusters, confidence };
  const method = 'cluster-robust-t-floored';
  if (n === 0) return undefinedInterval(base, method, 'no items');
  if (clusters < 2) return undefinedInterval({ ...base, estimate: cr.estimate }, method, 'fewer than 2 clusters: no spread to estimate');
  const m = cr.estimate;
  const half = studentTCritical(confidence, clusters - 1) * cr.standardError;
  const z = zFor({ confidence });
  const unseen = (z * z) / (effectiveClusters + z * z);
  const designEffect = cr.designEffect;
  return {
    ...base,
    estimate: m,
    lower: Math.max(lo, Math.min(m - half, m - unseen * (m - lo))),
    upper: Math.min(hi, Math.max(m + half, m + unseen * (hi - m))),
    designEffect,
    effectiveN: n / designEffect,
    method,
    defined: true,
  };
}

function undefinedInterval(
  base: { n: number; clusters: number; effectiveClusters: number; confidence: number; estimate?: number },
  method: ClusteredIntervalMethod,
  reason: string,
): ClusteredInterval {
  return { estimate: NaN, ...base, lower: NaN, upper: NaN, designEffect: NaN, effectiveN: NaN, method, defined: false, reason };
}

function checkConfidence(confidence: number | undefined): number {
  const c = confidence ?? 0.95;
  if (!(c > 0 && c < 1)) throw new RangeError(`clustered interval: confidence must be in (0, 1), got ${confidence}`);
  return c;
}

function checkBounds(bounds: readonly [number, number] | undefined): [number, number] {
  if (!Array.isArray(bounds) || bounds.length !== 2 || !Number.isFinite(bounds[0]) || !Number.isFinite(bounds[1]) || !(bounds[0] < bounds[1])) {
    throw new RangeError(`clusteredMean: bounds must be [lowest, highest] finite numbers with lowest < highest, got ${JSON.stringify(bounds)}`);
  }
  return [bounds[0], bounds[1]];
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
