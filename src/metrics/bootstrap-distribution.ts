/**
 * The bootstrap distribution itself (sorted resampled statistics), for callers that need more than
 * a percentile interval: a p-value from the share of resamples on one side of zero (paired
 * bootstrap, self-preference) or resampling of units that are not the rows (cluster bootstrap).
 * Resampling draws unit indices with the project's seeded PRNG, so results are reproducible.
 */
import { mulberry32 } from '../core/seeded-random.js';
import { DEFAULT_RESAMPLES, DEFAULT_SEED, quantile, type BootstrapOptions } from './bootstrap.js';

export interface BootstrapDistribution {
  /** Resampled statistics, ascending, NaN resamples left out. */
  sorted: number[];
  resamples: number;
  seed: number;
  /** Resamples whose statistic was NaN, left out of `sorted`. */
  undefinedResamples: number;
}

/** Validated resample count, seed and confidence, with the project defaults filled in. */
export function bootstrapSettings(opts: BootstrapOptions): { resamples: number; seed: number; confidence: number } {
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;
  const seed = opts.seed ?? DEFAULT_SEED;
  const confidence = opts.confidence ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`bootstrap: resamples must be a positive integer, got ${resamples}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`bootstrap: confidence must be in (0, 1), got ${confidence}`);
  return { resamples, seed, confidence };
}

/**
 * Draw `resamples` sets of `units` indices with replacement and evaluate `statistic` on each.
 * `indices` is reused between calls (do not keep it).
 */
export function bootstrapDistribution(
  units: number,
  statistic: (indices: readonly number[]) => number,
  opts: BootstrapOptions = {},
): BootstrapDistribution {
  const { resamples, seed } = bootstrapSettings(opts);
  if (!Number.isInteger(units) || units < 0) throw new RangeError(`bootstrap: units must be a non-negative integer, got ${units}`);
  if (units === 0) return { sorted: [], resamples, seed, undefinedResamples: resamples };
  const random = mulberry32(seed);
  const indices: number[] = new Array(units);
  const stats: number[] = [];
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < units; i++) indices[i] = Math.floor(random() * units);
    const value = statistic(indices);
    if (!Number.isNaN(value)) stats.push(value);
  }
  stats.sort((a, b) => a - b);
  return { sorted: stats, resamples, seed, undefinedResamples: resamples - stats.length };
}

/** Two-sided percentile interval of a bootstrap distribution (NaN bounds when it is empty). */
export function percentileInterval(dist: BootstrapDistribution, confidence = 0.95): { lower: number; upper: number } {
  const alpha = (1 - confidence) / 2;
  return { lower: quantile(dist.sorted, alpha), upper: quantile(dist.sorted, 1 - alpha) };
}

/**
 * Two-sided bootstrap p-value for "the statistic is 0": 2·min(P(d* ≤ 0), P(d* ≥ 0)), capped at 1
 * (the percentile-test inversion, e.g. Efron & Tibshirani 1993, ch. 15-16). NaN when empty.
 * With R resamples the smallest non-zero value is 2/R; 0 means no resample crossed zero.
 * `addOne` counts the observed statistic as one more resample — 2·(1 + far side)/(1 + R) — so
 * the p is never 0 (the correction of Phipson & Smyth 2010 for permutation p-values).
 */
export function twoSidedBootstrapP(dist: BootstrapDistribution, opts: { addOne?: boolean } = {}): number {
  const n = dist.sorted.length;
  if (n === 0) return NaN;
  let atOrBelow = 0;
  let atOrAbove = 0;
  for (const d of dist.sorted) {
    if (d <= 0) atOrBelow++;
    if (d >= 0) atOrAbove++;
  }
  const extra = opts.addOne ? 1 : 0;
  return Math.min(1, (2 * (extra + Math.min(atOrBelow, atOrAbove))) / (extra + n));
}
