/**
 * Intervals for a mean or proportion when samples are not independent because they share a
 * source: epochs of one sample, personas wrapped around one request, many jailbreak variants of
 * one harmful request. Treating such samples as independent understates the uncertainty; both
 * methods here treat the cluster as the unit of independence.
 *
 * 1. Cluster (block) bootstrap (Field & Welsh 2007, "Bootstrapping clustered data", JRSS-B 69(3);
 *    Cameron, Gelbach & Miller 2008): resample G clusters with replacement, keep every item of a
 *    drawn cluster, statistic = mean over all items drawn (a ratio estimator, so clusters weigh by
 *    their size, as in the point estimate). Percentile interval.
 * 2. Cluster-robust (CR0 sandwich) standard error of the overall mean p (Liang & Zeger 1986;
 *    Cameron & Miller 2015, "A practitioner's guide to cluster-robust inference", eq. for the
 *    intercept-only model), with a normal interval:
 *
 *      Var(p) = Σ_g (Σ_{i∈g} (y_i − p))² / n²
 *
 *    With one item per cluster this is Σ (y_i − p)²/n², i.e. p(1 − p)/n for 0/1 data: the ordinary
 *    (Wald) standard error. `smallSampleCorrection` multiplies the variance by G/(G − 1) (CR1, as
 *    Stata's vce(cluster) does for this model); off by default so the definition above holds.
 */
import { zFor } from './proportion.js';
import type { BootstrapOptions } from './bootstrap.js';
import { bootstrapDistribution, bootstrapSettings, percentileInterval } from './bootstrap-distribution.js';

export interface ClusteredValue {
  /** What the item shares with others: the source request id, the sample id across epochs, … */
  cluster: string | number;
  /** 1/0 for a proportion, or any finite number for a mean. */
  value: number;
}

export interface ClusterBootstrapResult {
  /** Mean over all items. */
  estimate: number;
  lower: number;
  upper: number;
  n: number;
  clusters: number;
  resamples: number;
  seed: number;
  undefinedResamples: number;
  /** False when there are fewer than 2 clusters (no between-cluster variation to resample). */
  defined: boolean;
  reason?: string;
}

export interface ClusterRobustResult {
  estimate: number;
  /** Cluster-robust standard error (CR0, or CR1 with the correction). */
  standardError: number;
  /** estimate ± z·SE, clamped to [min value, max value] (a mean cannot leave that range; [0, 1] for 0/1 data). */
  lower: number;
  upper: number;
  /** SE treating every item as independent: √(Σ(y_i − p)²)/n (the Wald SE for 0/1 data). */
  independentStandardError: number;
  /** (SE / independent SE)²: how much clustering inflates the variance; NaN when the latter is 0. */
  designEffect: number;
  n: number;
  clusters: number;
  /** n² / Σ n_g² (Kish): the number of equal-sized clusters carrying the same information; = clusters when sizes are equal. */
  effectiveClusters: number;
  /** False when there are fewer than 2 clusters; SE and bounds are then NaN. */
  defined: boolean;
  reason?: string;
}

export interface ClusterRobustOptions {
  z?: number;
  confidence?: number;
  smallSampleCorrection?: boolean;
}

/** Group values by cluster, in first-seen order. */
function groupByCluster(items: readonly ClusteredValue[], caller: string): number[][] {
  const groups = new Map<string | number, number[]>();
  items.forEach((item, i) => {
    if (typeof item.cluster !== 'string' && typeof item.cluster !== 'number') throw new RangeError(`${caller}: item ${i} has no cluster id`);
    if (typeof item.value !== 'number' || !Number.isFinite(item.value)) throw new RangeError(`${caller}: item ${i} value must be a finite number, got ${item.value}`);
    const g = groups.get(item.cluster);
    if (g) g.push(item.value);
    else groups.set(item.cluster, [item.value]);
  });
  return [...groups.values()];
}

export function clusterBootstrap(items: readonly ClusteredValue[], opts: BootstrapOptions = {}): ClusterBootstrapResult {
  const { confidence } = bootstrapSettings(opts);
  const groups = groupByCluster(items, 'clusterBootstrap');
  const sums = groups.map((g) => g.reduce((s, x) => s + x, 0));
  const sizes = groups.map((g) => g.length);
  const n = items.length;
  const estimate = n === 0 ? NaN : sums.reduce((s, x) => s + x, 0) / n;
  const dist = bootstrapDistribution(groups.length, (indices) => {
    let total = 0;
    let count = 0;
    for (const g of indices) { total += sums[g]; count += sizes[g]; }
    return total / count;
  }, opts);
  const base = { estimate, n, clusters: groups.length, resamples: dist.resamples, seed: dist.seed, undefinedResamples: dist.undefinedResamples };
  if (groups.length < 2) {
    return { ...base, lower: NaN, upper: NaN, defined: false, reason: groups.length === 0 ? 'no items' : 'only one cluster: nothing to resample between' };
  }
  return { ...base, ...percentileInterval(dist, confidence), defined: true };
}

export function clusterRobustInterval(items: readonly ClusteredValue[], opts: ClusterRobustOptions = {}): ClusterRobustResult {
  const groups = groupByCluster(items, 'clusterRobustInterval');
  if (opts.confidence !== undefined && !(opts.confidence > 0 && opts.confidence < 1)) throw new RangeError(`clusterRobustInterval: confidence must be in (0, 1), got ${opts.confidence}`);
  const z = zFor(opts);
  const n = items.length;
  const G = groups.length;
  const effectiveClusters = n === 0 ? 0 : (n * n) / groups.reduce((s, g) => s + g.length * g.length, 0);
  const undefinedResult = (reason: string): ClusterRobustResult => ({
    estimate: n === 0 ? NaN : items.reduce((s, x) => s + x.value, 0) / n,
    standardError: NaN, lower: NaN, upper: NaN, independentStandardError: NaN, designEffect: NaN, n, clusters: G, effectiveClusters, defined: false, reason,
  });
  if (G === 0) return undefinedResult('no items');
  if (G === 1) return undefinedResult('only one cluster: the cluster-robust variance is identically 0');
  const p = items.reduce((s, x) => s + x.value, 0) / n;
  let clusterSquares = 0;
  let itemSquares = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const g of groups) {
    let residual = 0;
    for (const y of g) {
      residual += y - p;
      itemSquares += (y - p) ** 2;
      min = Math.min(min, y);
      max = Math.max(max, y);
    }
    clusterSquares += residual * residual;
  }
  const correction = opts.smallSampleCorrection ? G / (G - 1) : 1;
  const standardError = Math.sqrt((correction * clusterSquares) / (n * n));
  const independentStandardError = Math.sqrt(itemSquares) / n;
  return {
    estimate: p,
    standardError,
    lower: Math.max(min, p - z * standardError),
    upper: Math.min(max, p + z * standardError),
    independentStandardError,
    designEffect: independentStandardError === 0 ? NaN : (standardError / independentStandardError) ** 2,
    n,
    clusters: G,
    effectiveClusters,
    defined: true,
  };
}
