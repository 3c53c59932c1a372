/**
 * The built-in metric kinds a suite declares (in TypeScript or in suite.yaml): counts,
 * proportions of outcome labels with Wilson intervals, and means of a scorer's value with a
 * seeded percentile bootstrap. Suite-specific statistics (penalised scores, bias scores) are
 * MetricDecls of the suite's own, written the same way.
 */
import type { MetricDecl, MetricResult, MetricRow } from '../core/measures.js';
import { UNSCORED } from '../core/outcome.js';
import { bootstrapInterval, DEFAULT_RESAMPLES, DEFAULT_SEED } from './bootstrap.js';
import { wilson } from './proportion.js';

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

/**
 * The share of samples whose outcome is one of `labels`, among samples whose outcome is one of
 * `among` (every scored sample when absent), with a Wilson 95% interval.
 */
export function proportionMetric(opts: { name: string; title: string; labels: readonly string[]; among?: readonly string[]; scorer?: string }): MetricDecl {
  const labels = new Set(opts.labels);
  const among = opts.among ? new Set([...opts.among, ...opts.labels]) : undefined;
  return {
    name: opts.name,
    compute(rows): MetricResult[] {
      let k = 0;
      let n = 0;
      for (const row of rows) {
        const r = resultOf(row, opts.scorer);
        if (!r || r.outcome === UNSCORED || (among && !among.has(r.outcome))) continue;
        n++;
        if (labels.has(r.outcome)) k++;
      }
      return [{ name: opts.name, title: opts.title, value: { type: 'proportion', ...wilson(k, n), method: 'wilson' } }];
    },
  };
}

/**
 * The mean of a scorer's numeric value (or of one of its named details) over scored samples,
 * with a seeded percentile bootstrap interval over samples.
 */
export function meanMetric(opts: { name: string; title: string; scorer?: string; detail?: string; resamples?: number; seed?: number }): MetricDecl {
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;
  const seed = opts.seed ?? DEFAULT_SEED;
  return {
    name: opts.name,
    compute(rows): MetricResult[] {
      const values: number[] = [];
      for (const row of rows) {
        const r = opts.scorer === undefined ? row : row.scores[opts.scorer];
        if (!r || r.outcome === UNSCORED) continue;
        const v = opts.detail === undefined ? r.value : detailOf(row, opts.scorer, opts.detail);
        if (typeof v === 'number' && Number.isFinite(v)) values.push(v);
      }
      const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
      const ci = bootstrapInterval(values, (xs) => xs.reduce((a, b) => a + b, 0) / xs.length, { resamples, seed });
      return [{
        name: opts.name, title: opts.title,
        value: { type: 'score', value: mean, lower: ci.lower, upper: ci.upper, n: values.length, method: `percentile bootstrap (${resamples} resamples, seed ${seed})` },
      }];
    },
  };
}

function detailOf(row: MetricRow, scorer: string | undefined, detail: string): unknown {
  const details = scorer === undefined ? Object.values(row.scores).find((s) => s.details && detail in s.details)?.details : row.scores[scorer]?.details;
  const v = details?.[detail];
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}
