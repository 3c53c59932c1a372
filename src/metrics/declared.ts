/**
 * The built-in metric kinds a suite declares (in TypeScript or in suite.yaml): counts,
 * proportions of outcome labels, and means of a scorer's value. Every interval is 95% and says
 * its method: with one epoch a proportion gets the Wilson interval; with K > 1 epochs every
 * interval is clustered by sample (clustered.ts), since the epochs of one sample are not
 * independent. Suite-specific statistics (penalised scores, bias scores) are MetricDecls of the
 * suite's own, written the same way.
 */
import type { MetricContext, MetricDecl, MetricResult, MetricRow, MetricValue } from '../core/measures.js';
import { UNSCORED } from '../core/outcome.js';
import { clusteredMean, clusteredProportion } from './clustered.js';
import { wilson } from './proportion.js';

/** The unit of independence: the sample when it ran in several epochs, else each outcome on its own. */
export function clusterOf(row: MetricRow, ctx: MetricContext): string {
  return ctx.epochs > 1 ? row.sampleId : `${row.sampleId}\u0000${row.epoch}`;
}

/** The scorer a metric reads: the primary (with human labels) when absent. */
function resultOf(row: MetricRow, scorer?: string): { outcome: string; value: number | null } | undefined {
  return scorer === undefined ? row : row.scores[scorer];
}

/** How many samples: `scored` (the denominator of proportions), `unscored`, or `total`. */
export function countMetric(opts: { name: string; title: string; which: 'scored' | 'unscored' | 'total'; scorer?: string }): MetricDecl {
  return {
    name: opts.name,
    compute(rows): MetricResult[] {
      let n = 0;
      for (const row of rows) {
        const r = resultOf(row, opts.scorer);
        if (!r) continue;
        const unscored = r.outcome === UNSCORED;
        if (opts.which === 'total' || (opts.which === 'unscored') === unscored) n++;
      }
      return [{ name: opts.name, title: opts.title, value: { type: 'count', value: n } }];
    },
  };
}

/** The share of 0/1 values with its interval: Wilson, or clustered by sample with several epochs. */
export function shareValue(values: readonly { cluster: string; value: 0 | 1 }[], ctx: MetricContext): MetricValue {
  const k = values.reduce((s, v) => s + v.value, 0);
  const n = values.length;
  if (ctx.epochs <= 1) return { type: 'proportion', ...wilson(k, n), method: 'wilson' };
  const c = clusteredProportion(values);
  return { type: 'proportion', k, n, p: n ? k / n : NaN, lower: c.lower, upper: c.upper, defined: c.defined, method: c.method };
}

/**
 * The share of samples whose outcome is one of `labels`, among samples whose outcome is one of
 * `among` (every scored sample when absent). `where` counts only rows whose grouping key has one
 * of the values, in every column (e.g. refusals on safe prompts, per category); unlike `only`,
 * which picks the columns a metric appears in. Where no row qualifies the metric is left out.
 */
export function proportionMetric(opts: { name: string; title: string; labels: readonly string[]; among?: readonly string[]; scorer?: string; only?: MetricDecl['only']; where?: { key: string; values: readonly string[] } }): MetricDecl {
  const labels = new Set(opts.labels);
  const among = opts.among ? new Set([...opts.among, ...opts.labels]) : undefined;
  const where = opts.where;
  return {
    name: opts.name,
    only: opts.only,
    compute(rows, ctx): MetricResult[] {
      const values: { cluster: string; value: 0 | 1 }[] = [];
      if (where) {
        rows = rows.filter((row) => where.values.includes(row.groups[where.key] ?? ''));
        if (rows.length === 0) return [];
      }
      for (const row of rows) {
        const r = resultOf(row, opts.scorer);
        if (!r || r.outcome === UNSCORED || (among && !among.has(r.outcome))) continue;
        values.push({ cluster: clusterOf(row, ctx), value: labels.has(r.outcome) ? 1 : 0 });
      }
      return [{ name: opts.name, title: opts.title, value: shareValue(values, ctx) }];
    },
  };
}

/**
 * The mean of a scorer's numeric value (or of one of its named details) over scored samples,
 * within known bounds [lowest, highest] the score can take: a cluster-robust t interval
 * (clusters = samples with several epochs) that never collapses to zero width.
 */
export function meanMetric(opts: { name: string; title: string; bounds: readonly [number, number]; scorer?: string; detail?: string }): MetricDecl {
  return {
    name: opts.name,
    compute(rows, ctx): MetricResult[] {
      const values: { cluster: string; value: number }[] = [];
      for (const row of rows) {
        const r = opts.scorer === undefined ? row : row.scores[opts.scorer];
        if (!r || r.outcome === UNSCORED) continue;
        const v = opts.detail === undefined ? r.value : detailOf(row, opts.scorer, opts.detail);
        if (typeof v === 'number' && Number.isFinite(v)) values.push({ cluster: clusterOf(row, ctx), value: Math.min(opts.bounds[1], Math.max(opts.bounds[0], v)) });
      }
      const c = clusteredMean(values, { bounds: opts.bounds });
      const mean = values.length ? values.reduce((a, b) => a + b.value, 0) / values.length : NaN;
      return [{ name: opts.name, title: opts.title, value: { type: 'score', value: mean, lower: c.lower, upper: c.upper, n: values.length, method: c.method } }];
    },
  };
}

function detailOf(row: MetricRow, scorer: string | undefined, detail: string): unknown {
  const details = scorer === undefined ? Object.values(row.scores).find((s) => s.details && detail in s.details)?.details : row.scores[scorer]?.details;
  const v = details?.[detail];
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}
