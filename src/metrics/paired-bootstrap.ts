/**
 * Paired bootstrap for the difference of a statistic between two models scored on the same
 * samples (Efron & Tibshirani 1993, "An Introduction to the Bootstrap", ch. 13 and 16; the paired
 * form is the standard one for comparing systems on one test set, e.g. Koehn 2004, Berg-Kirkpatrick
 * et al. 2012). Sample indices are resampled jointly, so whatever makes a sample easy or hard for
 * both models cancels in the difference instead of widening the interval.
 *
 *   d  = stat(a) − stat(b)
 *   d* = stat(a[I]) − stat(b[I]),  I = n indices drawn with replacement (seeded)
 *   interval = percentiles of d*;  p = min(1, 2·min(P(d* ≤ 0), P(d* ≥ 0)))
 *
 * The p-value is the percentile interval inverted, not a test: it can be 0, and at small n it
 * rejects far too often (n = 1: any difference gives p = 0; n = 5: type I error 0.115–0.165 at
 * α = 0.05). For the p-value of a paired comparison use pairedTest (paired-test.ts: exact
 * sign-flip / McNemar below 20 pairs, permutation above).
 */
import type { BootstrapOptions } from './bootstrap.js';
import { bootstrapDistribution, bootstrapSettings, percentileInterval, twoSidedBootstrapP } from './bootstrap-distribution.js';

export interface PairedBootstrapOptions extends BootstrapOptions {
  /** Statistic of one model's per-sample values; the mean by default. May return NaN. */
  statistic?: (values: readonly number[]) => number;
}

export interface PairedBootstrapResult {
  n: number;
  /** stat(a), stat(b) and their difference on the full data. */
  statisticA: number;
  statisticB: number;
  difference: number;
  lower: number;
  upper: number;
  /** Percentile-inversion p for "no difference"; 0 means no resample reached 0. Not a test at small n: see pairedTest. */
  pValue: number;
  resamples: number;
  seed: number;
  undefinedResamples: number;
  /** False when n = 0 or the difference is NaN: numbers above are NaN and must not be reported. */
  defined: boolean;
}

export const mean = (xs: readonly number[]): number => (xs.length === 0 ? NaN : xs.reduce((s, x) => s + x, 0) / xs.length);

/**
 * a[i] and b[i] are the two models' values on sample i (e.g. 1/0 correct, or a rubric score).
 * Drop samples missing for either model before calling; values must be finite.
 */
export function pairedBootstrap(a: readonly number[], b: readonly number[], opts: PairedBootstrapOptions = {}): PairedBootstrapResult {
  if (a.length !== b.length) throw new RangeError(`pairedBootstrap: need one value per sample from each model, got ${a.length} and ${b.length}`);
  for (const [name, xs] of [['a', a], ['b', b]] as const) {
    xs.forEach((x, i) => { if (typeof x !== 'number' || !Number.isFinite(x)) throw new RangeError(`pairedBootstrap: ${name}[${i}] must be a finite number, got ${x}`); });
  }
  const { confidence } = bootstrapSettings(opts);
  const statistic = opts.statistic ?? mean;
  const n = a.length;
  const statisticA = n === 0 ? NaN : statistic(a);
  const statisticB = n === 0 ? NaN : statistic(b);
  const difference = statisticA - statisticB;
  const bufferA: number[] = new Array(n);
  const bufferB: number[] = new Array(n);
  const dist = bootstrapDistribution(n, (indices) => {
    for (let i = 0; i < n; i++) { bufferA[i] = a[indices[i]]; bufferB[i] = b[indices[i]]; }
    return statistic(bufferA) - statistic(bufferB);
  }, opts);
  const { lower, upper } = percentileInterval(dist, confidence);
  return {
    n, statisticA, statisticB, difference, lower, upper,
    pValue: twoSidedBootstrapP(dist),
    resamples: dist.resamples, seed: dist.seed, undefinedResamples: dist.undefinedResamples,
    defined: n > 0 && !Number.isNaN(difference),
  };
}
