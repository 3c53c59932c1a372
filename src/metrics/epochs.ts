/**
 * Reducers for K epochs (repeated runs) of one sample, and a cross-epoch consistency rate.
 *
 * - mean: the average value over epochs.
 * - majority: the most frequent label; ties broken by a documented rule (see `majority`).
 * - pass@k: chance that at least one of k epochs drawn without replacement from the n run is
 *   correct; unbiased estimator 1 − C(n − c, k)/C(n, k) (Chen et al. 2021, "Evaluating Large
 *   Language Models Trained on Code", §2.1), computed as their numerically stable product.
 * - pass^k ("all k correct"): chance that all of k epochs drawn without replacement are correct;
 *   unbiased estimator C(c, k)/C(n, k) (Yao et al. 2024, "τ-bench: A Benchmark for Tool-Agent-User Interaction in Real-World Domains"). With k = n it is 1 iff
 *   every epoch is correct (`allCorrect`).
 * - consistency: share of samples whose epochs all carry the same label.
 */
import { wilson, type IntervalOptions, type Proportion } from './proportion.js';
import type { Label } from './label.js';

/** Mean over epochs; NaN for no epochs. */
export function epochMean(values: readonly number[]): number {
  values.forEach((v, i) => { if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`epochMean: epoch ${i} must be a finite number, got ${v}`); });
  return values.length === 0 ? NaN : values.reduce((s, x) => s + x, 0) / values.length;
}

export interface MajorityResult<T> {
  /** The majority label; undefined when there are no epochs, or on a tie with onTie 'none'. */
  label: T | undefined;
  /** How many epochs carried the winning count. */
  count: number;
  /** True when two or more labels shared the highest count. */
  tie: boolean;
  /** Labels sharing the highest count, in first-seen order. */
  tied: T[];
}

export interface MajorityOptions<T> {
  /**
   * How to break a tie between labels with the same highest count:
   * - 'first-seen' (default): the tied label whose first epoch came earliest (the same result as
   *   Python's Counter.most_common, used by Inspect's mode reducer);
   * - 'none': no label (undefined), so the caller reports the sample as undecided;
   * - a function choosing among the tied labels, e.g. the more cautious verdict.
   */
  onTie?: 'first-seen' | 'none' | ((tied: readonly T[]) => T);
}

export function majority<T extends Label>(labels: readonly T[], opts: MajorityOptions<T> = {}): MajorityResult<T> {
  const counts = new Map<T, number>();
  for (const l of labels) {
    if (typeof l === 'number' && Number.isNaN(l)) throw new RangeError('majority: NaN is not a label');
    counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  if (counts.size === 0) return { label: undefined, count: 0, tie: false, tied: [] };
  const count = Math.max(...counts.values());
  const tied = [...counts].filter(([, c]) => c === count).map(([l]) => l);
  if (tied.length === 1) return { label: tied[0], count, tie: false, tied };
  const onTie = opts.onTie ?? 'first-seen';
  if (onTie === 'none') return { label: undefined, count, tie: true, tied };
  if (onTie === 'first-seen') return { label: tied[0], count, tie: true, tied };
  const chosen = onTie(tied);
  if (!tied.includes(chosen)) throw new RangeError(`majority: the tie-breaker returned ${String(chosen)}, which is not one of the tied labels`);
  return { label: chosen, count, tie: true, tied };
}

function checkCounts(caller: string, n: number, c: number, k: number): void {
  if (![n, c, k].every(Number.isInteger) || c < 0 || c > n || k < 1 || k > n) {
    throw new RangeError(`${caller}: need integers 0 ≤ c ≤ n and 1 ≤ k ≤ n, got n=${n}, c=${c}, k=${k}`);
  }
}

/** Unbiased pass@k from n epochs with c correct: 1 − C(n − c, k)/C(n, k). */
export function passAtK(n: number, c: number, k: number): number {
  checkCounts('passAtK', n, c, k);
  if (n - c < k) return 1;
  // 1 − Π_{i = n−c+1}^{n} (1 − k/i): no large binomial coefficients (Chen et al. 2021, fig. 3).
  let product = 1;
  for (let i = n - c + 1; i <= n; i++) product *= 1 - k / i;
  return 1 - product;
}

/** Unbiased pass^k (all k correct) from n epochs with c correct: C(c, k)/C(n, k). */
export function passHatK(n: number, c: number, k: number): number {
  checkCounts('passHatK', n, c, k);
  if (c < k) return 0;
  let product = 1;
  for (let i = 0; i < k; i++) product *= (c - i) / (n - i);
  return product;
}

/** True when every epoch is correct (pass^k with k = n); false for no epochs. */
export function allCorrect(epochs: readonly boolean[]): boolean {
  return epochs.length > 0 && epochs.every((x) => x === true);
}

/**
 * Mean over samples of pass@k (or pass^k with `kind: 'all'`), each sample given as its epochs'
 * correctness. Every sample needs at least k epochs. NaN for no samples.
 */
export function meanOverSamples(samples: readonly (readonly boolean[])[], k: number, kind: 'any' | 'all' = 'any'): number {
  if (samples.length === 0) return NaN;
  const f = kind === 'any' ? passAtK : passHatK;
  let total = 0;
  for (const epochs of samples) total += f(epochs.length, epochs.filter((x) => x === true).length, k);
  return total / samples.length;
}

export interface ConsistencyRate extends Proportion {
  /** Samples left out because they had fewer than two epochs (nothing to be consistent with). */
  excluded: number;
}

/**
 * Share of samples whose epochs all carry the same label, with a Wilson interval over samples.
 * Samples with fewer than two epochs are excluded and counted; n = 0 gives NaN with defined=false.
 */
export function consistencyRate(samples: readonly (readonly Label[])[], opts: IntervalOptions = {}): ConsistencyRate {
  let consistent = 0;
  let n = 0;
  let excluded = 0;
  for (const epochs of samples) {
    if (epochs.length < 2) { excluded++; continue; }
    n++;
    if (epochs.every((l) => l === epochs[0])) consistent++;
  }
  return { ...wilson(consistent, n, opts), excluded };
}
