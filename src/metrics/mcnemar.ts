/**
 * McNemar's exact test for paired binary outcomes (McNemar 1947; exact conditional form as in
 * Fagerland, Lydersen & Laake 2013, "The McNemar test for binary matched-pairs data: mid-p and
 * asymptotic are better than exact conditional", BMC Med Res Methodol 13:91).
 *
 * Only discordant pairs carry information: b = A right & B wrong, c = A wrong & B right. Under
 * H0 (same success rate) b ~ Bin(b + c, ½) given b + c, so
 *
 *   exact p = min(1, 2·P(X ≤ min(b, c))),   X ~ Bin(b + c, ½)
 *   mid-p   = exact p − P(X = min(b, c))    (b ≠ c);   1 − ½·P(X = b)   (b = c)
 *
 * The mid-p rule for b = c is the paper's. With no discordant pairs both p-values are 1: the data
 * hold no evidence of a difference (the convention of the paper and of statsmodels).
 */

export interface PairedCounts {
  /** Both right (or both "1"). */
  bothRight: number;
  /** A right, B wrong: discordant count b. */
  onlyA: number;
  /** A wrong, B right: discordant count c. */
  onlyB: number;
  bothWrong: number;
  /** Pairs counted (bothRight + onlyA + onlyB + bothWrong). */
  n: number;
}

export interface McNemarResult {
  /** Discordant pair counts. */
  b: number;
  c: number;
  discordant: number;
  /** Two-sided exact conditional p-value. */
  pValue: number;
  /** Two-sided mid-p value (less conservative; see the file comment). */
  midP: number;
}

/** Exact test from the two discordant counts. */
export function mcnemarExact(b: number, c: number): McNemarResult {
  if (!Number.isInteger(b) || !Number.isInteger(c) || b < 0 || c < 0) {
    throw new RangeError(`mcnemarExact: discordant counts must be non-negative integers, got b=${b}, c=${c}`);
  }
  const n = b + c;
  const k = Math.min(b, c);
  const pmf = binomialHalfPmf(n, k);
  if (b === c) return { b, c, discordant: n, pValue: 1, midP: n === 0 ? 1 : 1 - pmf / 2 };
  const pValue = Math.min(1, 2 * binomialHalfCdf(n, k));
  return { b, c, discordant: n, pValue, midP: pValue - pmf };
}

/**
 * Count the 2×2 table of paired outcomes (A's and B's result on the same samples, true = right).
 * Pairs where either side is null/undefined (e.g. unscored) are skipped, and counted in `skipped`.
 */
export function pairedCounts(a: readonly (boolean | null | undefined)[], b: readonly (boolean | null | undefined)[]): PairedCounts & { skipped: number } {
  if (a.length !== b.length) throw new RangeError(`pairedCounts: need one result per sample from each model, got ${a.length} and ${b.length}`);
  const counts = { bothRight: 0, onlyA: 0, onlyB: 0, bothWrong: 0, n: 0, skipped: 0 };
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === null || x === undefined || y === null || y === undefined) { counts.skipped++; continue; }
    if (typeof x !== 'boolean' || typeof y !== 'boolean') throw new RangeError(`pairedCounts: results must be booleans, got ${typeof x} and ${typeof y} at ${i}`);
    counts.n++;
    if (x && y) counts.bothRight++;
    else if (x) counts.onlyA++;
    else if (y) counts.onlyB++;
    else counts.bothWrong++;
  }
  return counts;
}

/** Paired outcomes straight to the test, keeping the full table alongside the p-values. */
export function mcnemarFromPairs(a: readonly (boolean | null | undefined)[], b: readonly (boolean | null | undefined)[]): McNemarResult & { counts: PairedCounts & { skipped: number } } {
  const counts = pairedCounts(a, b);
  return { ...mcnemarExact(counts.onlyA, counts.onlyB), counts };
}

/** P(X = k) for X ~ Bin(n, ½), in log space so n in the thousands does not underflow 2^-n. */
function binomialHalfPmf(n: number, k: number): number {
  return Math.exp(logChoose(n, k) - n * Math.LN2);
}

/** P(X ≤ k) for X ~ Bin(n, ½): log-sum-exp over the terms, largest (k-th, since k ≤ n/2 here) first. */
function binomialHalfCdf(n: number, k: number): number {
  const logs: number[] = [];
  let logC = 0; // log C(n, 0)
  for (let i = 0; i <= k; i++) {
    logs.push(logC - n * Math.LN2);
    logC += Math.log(n - i) - Math.log(i + 1);
  }
  let max = -Infinity;
  for (const l of logs) if (l > max) max = l; // no spread: k can be large
  let sum = 0;
  for (const l of logs) sum += Math.exp(l - max);
  return Math.exp(max + Math.log(sum));
}

function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 0; i < k; i++) s += Math.log(n - i) - Math.log(i + 1);
  return s;
}
