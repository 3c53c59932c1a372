/**
 * Metric values whose unit of independence is a cluster the suite names (the variants of one
 * jailbreak request, the attacks on one system prompt), not the sample: a share of 0/1 values and
 * the mean of a bounded score, each with its 95% interval from clustered.ts. With one value per
 * cluster these are the plain Wilson / Student-t intervals, so a suite can use them always.
 */
import type { MetricValue } from '../core/measures.js';
import { clusteredMean, clusteredProportion } from './clustered.js';

/** The interval methods these give, in words (clustered by the suite's groups, not only by epoch). */
export const GROUPED_INTERVAL_METHODS: Record<string, string> = {
  'wilson-design-effect-t-grouped': 'Wilson score interval on n / design effect, t quantile with (clusters − 1) df (CR1); clusters are groups of related samples (the variants of one request, the attacks on one system prompt) with their epochs',
  'cluster-robust-t-floored-grouped': 'mean ± t(clusters − 1)·cluster-robust SE (CR1), each side at least the zero-event Wilson bound; clusters are groups of related samples (the variants of one request, the attacks on one system prompt) with their epochs',
};

const grouped = (method: string) => (method === 'wilson' ? method : `${method}-grouped`);

export interface ClusterValue {
  cluster: string;
  value: number;
}

/** The share of 1s among 0/1 values, clustered. */
export function clusterShare(values: readonly ClusterValue[]): MetricValue {
  const k = values.reduce((s, v) => s + v.value, 0);
  const n = values.length;
  const c = clusteredProportion(values);
  return { type: 'proportion', k, n, p: n ? k / n : NaN, lower: c.lower, upper: c.upper, defined: c.defined, method: grouped(c.method) };
}

/** The mean of a score within [lowest, highest], clustered. */
export function clusterMean(values: readonly ClusterValue[], bounds: readonly [number, number]): MetricValue {
  const c = clusteredMean(values, { bounds });
  const mean = values.length ? values.reduce((a, b) => a + b.value, 0) / values.length : NaN;
  return { type: 'score', value: mean, lower: c.lower, upper: c.upper, n: values.length, method: grouped(c.method) };
}
