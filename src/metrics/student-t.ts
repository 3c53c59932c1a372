/**
 * Student's t distribution for integer degrees of freedom: the two-sided CDF in closed form and
 * its quantile, for small-sample intervals (CR1 cluster-robust intervals use t with G − 1 df).
 *
 * For integer ν the two-sided probability A(t|ν) = P(|T| ≤ t) is a finite trigonometric sum
 * (Abramowitz & Stegun 1964, 26.7.3 and 26.7.4), with θ = atan(t/√ν):
 *
 *   ν odd:  A = (2/π)·(θ + sinθ·(cosθ + (2/3)cos³θ + … + (2·4⋯(ν−3))/(1·3⋯(ν−2))·cos^(ν−2)θ))   (ν = 1: 2θ/π)
 *   ν even: A = sinθ·(1 + (1/2)cos²θ + (1·3)/(2·4)cos⁴θ + … + (1·3⋯(ν−3))/(2·4⋯(ν−2))·cos^(ν−2)θ)
 *
 * so the quantile is found by bisection on an exact function, to double precision. Written here
 * rather than taken from a library because the only well-kept candidate (@stdlib) adds 232
 * packages (27 MB) for this one function, and the project's normal quantile is its own too.
 */
import { normalQuantile } from './proportion.js';

/** Largest df for which the exact sum is used; above it the Cornish-Fisher expansion's error is below 1e-12. */
const EXACT_DF_LIMIT = 100_000;

/** P(|T| ≤ t) for T ~ t(ν), ν a positive integer, t ≥ 0. */
export function studentTTwoSidedCdf(t: number, df: number): number {
  checkDf(df, 'studentTTwoSidedCdf');
  if (!(t >= 0)) throw new RangeError(`studentTTwoSidedCdf: t must be ≥ 0, got ${t}`);
  if (t === Infinity) return 1;
  const theta = Math.atan(t / Math.sqrt(df));
  const s = Math.sin(theta);
  const c2 = Math.cos(theta) ** 2;
  if (df % 2 === 1) {
    if (df === 1) return (2 / Math.PI) * theta;
    // cosθ·(1 + (2/3)cos²θ + (2·4)/(3·5)cos⁴θ + …), ν−2 the last power.
    let term = Math.cos(theta);
    let sum = term;
    for (let k = 3; k <= df - 2; k += 2) {
      term *= ((k - 1) / k) * c2;
      sum += term;
    }
    return Math.min(1, (2 / Math.PI) * (theta + s * sum));
  }
  let term = 1;
  let sum = 1;
  for (let k = 2; k <= df - 2; k += 2) {
    term *= ((k - 1) / k) * c2;
    sum += term;
  }
  return Math.min(1, s * sum);
}

/** Quantile of Student's t with `df` (a positive integer) degrees of freedom: P(T ≤ q) = prob. */
export function studentTQuantile(prob: number, df: number): number {
  checkDf(df, 'studentTQuantile');
  if (!(prob > 0 && prob < 1)) throw new RangeError(`studentTQuantile: probability must be in (0, 1), got ${prob}`);
  if (prob === 0.5) return 0;
  if (prob < 0.5) return -studentTQuantile(1 - prob, df);
  const target = 2 * prob - 1; // P(|T| ≤ q)
  if (df > EXACT_DF_LIMIT) return cornishFisher(prob, df);
  let lo = 0;
  let hi = 1;
  while (studentTTwoSidedCdf(hi, df) < target) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTTwoSidedCdf(mid, df) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const criticalCache = new Map<string, number>();

/** Two-sided quantile: t such that P(|T| ≤ t) = confidence. Memoised: intervals ask for the same few again and again. */
export function studentTCritical(confidence: number, df: number): number {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`studentTCritical: confidence must be in (0, 1), got ${confidence}`);
  const key = `${confidence}/${df}`;
  let t = criticalCache.get(key);
  if (t === undefined) {
    t = studentTQuantile(1 - (1 - confidence) / 2, df);
    if (criticalCache.size > 10_000) criticalCache.clear();
    criticalCache.set(key, t);
  }
  return t;
}

/** Expansion of t_ν around the normal quantile (A&S 26.7.5), used only for very large ν. */
function cornishFisher(prob: number, df: number): number {
  const z = normalQuantile(prob);
  const z3 = z ** 3;
  const z5 = z ** 5;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df);
}

function checkDf(df: number, caller: string): void {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`${caller}: degrees of freedom must be a positive integer, got ${df}`);
}
