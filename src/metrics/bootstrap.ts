export { mulberry32 } from '../core/seeded-random.js';
import { mulberry32 } from '../core/seeded-random.js';
/**
 * Seeded percentile bootstrap. Deterministic (mulberry32) so a report recomputed from the same
 * scores shows the same interval.
 */

export const DEFAULT_RESAMPLES = 1000;
export const DEFAULT_SEED = 20240601;


export interface BootstrapOptions {
  resamples?: number;
  seed?: number;
  /** Two-sided confidence level; 0.95 by default. */
  confidence?: number;
}

export interface BootstrapInterval {
  lower: number;
  upper: number;
  resamples: number;
  seed: number;
  /** Resamples whose statistic was NaN (e.g. nothing attempted in that resample), left out of the percentiles. */
  undefinedResamples: number;
}

/**
 * Percentile interval of `statistic` over `resamples` resamples of `data` with replacement.
 * Empty data gives NaN bounds.
 */
export function bootstrapInterval<T>(
  data: readonly T[],
  statistic: (sample: readonly T[]) => number,
  opts: BootstrapOptions = {},
): BootstrapInterval {
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;
  const seed = opts.seed ?? DEFAULT_SEED;
  const confidence = opts.confidence ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`bootstrap: resamples must be a positive integer, got ${resamples}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`bootstrap: confidence must be in (0, 1), got ${confidence}`);
  if (data.length === 0) return { lower: NaN, upper: NaN, resamples, seed, undefinedResamples: resamples };

  const random = mulberry32(seed);
  const stats: number[] = [];
  const buffer: T[] = new Array(data.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < data.length; i++) buffer[i] = data[Math.floor(random() * data.length)];
    const value = statistic(buffer);
    if (!Number.isNaN(value)) stats.push(value);
  }
  stats.sort((a, b) => a - b);
  const alpha = (1 - confidence) / 2;
  return {
    lower: quantile(stats, alpha),
    upper: quantile(stats, 1 - alpha),
    resamples,
    seed,
    undefinedResamples: resamples - stats.length,
  };
}

/** Linear-interpolation quantile of sorted values (Hyndman & Fan type 7, R's default). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
