/**
 * Test of "no difference" between two models scored on the same samples, honest at any n. Use it
 * for every paired comparison's p-value (compare); pairedBootstrap stays for the interval shape
 * of large-n differences, but its p-value is not a test below ~20 pairs (at n = 5 it rejected a
 * true null 11.5% of the time at α = 0.05, and at n = 1 it called any difference significant).
 *
 * H0: within each pair the two models' values are exchangeable, so each difference d_i = a_i − b_i
 * is as likely to be +|d_i| as −|d_i| (the randomisation model of Fisher 1935; Good 2005,
 * "Permutation, Parametric and Bootstrap Tests of Hypotheses", §3.3). Statistic |Σ d_i|.
 *
 * - 'mcnemar-exact': every value is 0 or 1. The sign-flip null is then McNemar's exact
 *   conditional test on the discordant pairs (mcnemar.ts), exact at any n.
 * - 'sign-flip-exact': at most `exactUpTo` (20) non-zero differences: every one of the 2^m sign
 *   assignments is enumerated (pairs with d = 0 cannot change the statistic and are left out), so
 *   p = #{|Σ s_i d_i| ≥ |Σ d_i|} / 2^m exactly. The smallest p the data can give is 2/2^m: at
 *   n = 1 it is 1, at n = 5 it is 0.0625 — the test never claims more than the data hold.
 * - 'sign-flip-monte-carlo': more non-zero differences: R seeded random sign assignments,
 *   p = (1 + #{|T*| ≥ |T|}) / (1 + R) (Phipson & Smyth 2010, "Permutation p-values should never
 *   be zero", SAGIS 9:39), a valid p-value, never 0.
 */
import { mulberry32 } from '../core/seeded-random.js';
import { DEFAULT_SEED } from './bootstrap.js';
import { clusteredMean, type ClusteredInterval } from './clustered.js';
import { mcnemarExact } from './mcnemar.js';

export type PairedTestName = 'mcnemar-exact' | 'sign-flip-exact' | 'sign-flip-monte-carlo';

export const DEFAULT_EXACT_UP_TO = 20;
export const DEFAULT_PERMUTATIONS = 9999;

export interface PairedTestOptions {
  /** Enumerate every sign assignment up to this many non-zero differences (at most 26). */
  exactUpTo?: number;
  /** Random sign assignments above it. */
  resamples?: number;
  seed?: number;
  /** The smallest and largest value one model can score: adds an interval for the mean difference (clusteredMean). */
  bounds?: readonly [number, number];
  confidence?: number;
}

export interface PairedTestResult {
  test: PairedTestName;
  /** Pairs compared. */
  n: number;
  /** Pairs whose values differ: the only ones that carry evidence. */
  nonzero: number;
  meanA: number;
  meanB: number;
  /** mean(a) − mean(b). */
  difference: number;
  /** Two-sided p-value; NaN when n = 0. */
  pValue: number;
  /** For 'mcnemar-exact': pairs where only A (only B) had a 1. */
  discordant?: { onlyA: number; onlyB: number };
  /** For 'sign-flip-monte-carlo'. */
  resamples?: number;
  seed?: number;
  /** With `bounds`: interval for the mean difference, Student t with the unseen-value floor. */
  interval?: ClusteredInterval;
  defined: boolean;
  reason?: string;
}

export function pairedTest(a: readonly number[], b: readonly number[], opts: PairedTestOptions = {}): PairedTestResult {
  if (a.length !== b.length) throw new RangeError(`pairedTest: need one value per sample from each model, got ${a.length} and ${b.length}`);
  for (const [name, xs] of [['a', a], ['b', b]] as const) {
    xs.forEach((x, i) => { if (typeof x !== 'number' || !Number.isFinite(x)) throw new RangeError(`pairedTest: ${name}[${i}] must be a finite number, got ${x}`); });
  }
  const exactUpTo = opts.exactUpTo ?? DEFAULT_EXACT_UP_TO;
  if (!Number.isInteger(exactUpTo) || exactUpTo < 0 || exactUpTo > 26) throw new RangeError(`pairedTest: exactUpTo must be an integer in [0, 26], got ${exactUpTo}`);
  const n = a.length;
  const meanA = n === 0 ? NaN : sum(a) / n;
  const meanB = n === 0 ? NaN : sum(b) / n;
  const differences = a.map((x, i) => x - b[i]);
  const nonzeroDiffs = differences.filter((d) => d !== 0);
  const interval = opts.bounds ? differenceInterval(differences, opts.bounds, opts.confidence) : undefined;
  const base = { n, nonzero: nonzeroDiffs.length, meanA, meanB, difference: meanA - meanB, ...(interval ? { interval } : {}) };
  const binary = [...a, ...b].every((x) => x === 0 || x === 1);
  if (n === 0) return { ...base, test: binary ? 'mcnemar-exact' : 'sign-flip-exact', pValue: NaN, defined: false, reason: 'no pairs' };
  if (binary) {
    const onlyA = differences.filter((d) => d === 1).length;
    const onlyB = differences.filter((d) => d === -1).length;
    return { ...base, test: 'mcnemar-exact', pValue: mcnemarExact(onlyA, onlyB).pValue, discordant: { onlyA, onlyB }, defined: true };
  }
  if (nonzeroDiffs.length <= exactUpTo) return { ...base, test: 'sign-flip-exact', pValue: exactSignFlipP(nonzeroDiffs), defined: true };
  const resamples = opts.resamples ?? DEFAULT_PERMUTATIONS;
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`pairedTest: resamples must be a positive integer, got ${resamples}`);
  return { ...base, test: 'sign-flip-monte-carlo', pValue: monteCarloSignFlipP(nonzeroDiffs, resamples, seed), resamples, seed, defined: true };
}

/** Exact two-sided sign-flip p over all 2^m assignments, visited in Gray-code order (one flip per step). */
export function exactSignFlipP(differences: readonly number[]): number {
  const m = differences.length;
  const observed = Math.abs(sum(differences));
  const tolerance = tieTolerance(differences);
  const signs = new Array<number>(m).fill(1);
  let total = sum(differences);
  let extreme = 0;
  const assignments = 2 ** m;
  for (let k = 0; k < assignments; k++) {
    if (k > 0) {
      const j = countTrailingZeros(k);
      total -= 2 * signs[j] * differences[j];
      signs[j] = -signs[j];
    }
    if (Math.abs(total) >= observed - tolerance) extreme++;
  }
  return extreme / assignments;
}

function monteCarloSignFlipP(differences: readonly number[], resamples: number, seed: number): number {
  const random = mulberry32(seed);
  const observed = Math.abs(sum(differences));
  const tolerance = tieTolerance(differences);
  let extreme = 0;
  for (let r = 0; r < resamples; r++) {
    let total = 0;
    for (const d of differences) total += random() < 0.5 ? d : -d;
    if (Math.abs(total) >= observed - tolerance) extreme++;
  }
  return (1 + extreme) / (1 + resamples);
}

function differenceInterval(differences: readonly number[], bounds: readonly [number, number], confidence: number | undefined): ClusteredInterval {
  const span = bounds[1] - bounds[0];
  if (!(span > 0)) throw new RangeError(`pairedTest: bounds must be [lowest, highest] with lowest < highest, got ${JSON.stringify(bounds)}`);
  return clusteredMean(differences.map((value, i) => ({ cluster: i, value })), { bounds: [-span, span], confidence });
}

/** Sums equal in exact arithmetic may differ in the last bits after different orders of addition. */
function tieTolerance(differences: readonly number[]): number {
  return 1e-9 * differences.reduce((s, d) => s + Math.abs(d), 0);
}

function countTrailingZeros(k: number): number {
  let j = 0;
  while ((k & 1) === 0) { k >>>= 1; j++; }
  return j;
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
