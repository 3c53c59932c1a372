/**
 * A proportion k/n with its Wilson score interval (Wilson 1927; Newcombe 1998, method 3). Wilson
 * rather than the normal (Wald) interval because eval proportions are often near 0 or 1 and n is
 * small, where Wald collapses to zero width or leaves [0, 1].
 */

/** The two-sided 95% normal quantile. */
export const Z_95 = 1.959963984540054;

export interface Proportion {
  k: number;
  n: number;
  /** k / n; NaN when n = 0. */
  p: number;
  lower: number;
  upper: number;
  /** False when n = 0: p and the bounds are NaN and must not be reported as numbers. */
  defined: boolean;
}

export interface IntervalOptions {
  /** Normal quantile; overrides `confidence`. */
  z?: number;
  /** Two-sided confidence level, e.g. 0.95 (default) or 0.99. */
  confidence?: number;
}

export function wilson(k: number, n: number, opts: IntervalOptions = {}): Proportion {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n) {
    throw new RangeError(`wilson: need integers 0 <= k <= n, got k=${k}, n=${n}`);
  }
  if (n === 0) return { k, n, p: NaN, lower: NaN, upper: NaN, defined: false };
  const z = zFor(opts);
  const p = k / n;
  return { k, n, p, ...wilsonBounds(p, n, z), defined: true };
}

/**
 * The Wilson score bounds for an observed share p over n trials and quantile z. n need not be an
 * integer: clustered intervals pass an effective sample size n/deff (clustered.ts).
 */
export function wilsonBounds(p: number, n: number, z: number): { lower: number; upper: number } {
  if (!(p >= 0 && p <= 1) || !(n > 0) || !(z > 0)) throw new RangeError(`wilsonBounds: need 0 ≤ p ≤ 1, n > 0, z > 0, got p=${p}, n=${n}, z=${z}`);
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At p = 0 and p = 1 the bounds are exactly 0 and 1; clamp away floating-point dust.
  return { lower: p === 0 ? 0 : Math.max(0, centre - half), upper: p === 1 ? 1 : Math.min(1, centre + half) };
}

/** The normal quantile for `z` or `confidence` (two-sided), 95% by default. */
export function zFor(opts: IntervalOptions): number {
  if (opts.z !== undefined) return opts.z;
  if (opts.confidence === undefined || opts.confidence === 0.95) return Z_95;
  if (!(opts.confidence > 0 && opts.confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${opts.confidence}`);
  return normalQuantile(1 - (1 - opts.confidence) / 2);
}

/**
 * Inverse standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9), so a
 * caller can ask for a confidence level instead of a z value.
 */
export function normalQuantile(prob: number): number {
  if (!(prob > 0 && prob < 1)) throw new RangeError(`normalQuantile: probability must be in (0, 1), got ${prob}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (prob < low) {
    const q = Math.sqrt(-2 * Math.log(prob));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (prob > 1 - low) return -normalQuantile(1 - prob);
  const q = prob - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}
