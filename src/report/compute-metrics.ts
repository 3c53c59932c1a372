/**
 * Metrics from a suite's declarations: every declared metric over one model's rows, overall and
 * per value of each grouping key. Knows no suite.
 */
import type { GroupDecl, MetricContext, MetricResult, MetricRow, SuiteMeasures } from '../core/measures.js';

/** One column of a breakdown: a value of the grouping key (or every sample), with its results. */
export interface MetricColumn {
  value: string;
  title: string;
  /** Rows (samples × epochs) in the column, scored or not. */
  rows: number;
  results: MetricResult[];
}

/** Results broken down by one grouping key; the first column is every sample ("all") unless the key is not pooled. */
export interface MetricTable {
  key: string;
  columns: MetricColumn[];
  /** Every result name any column has, in the suite's declaration order: the table's rows. */
  rows: string[];
}

/**
 * Every declared metric over the rows; `where` is the group value the rows belong to, so a
 * metric declared for some values only (`only`) is left out elsewhere, and out of pooled columns
 * that mix values it does not apply to.
 */
export function computeMetrics(rows: readonly MetricRow[], measures: SuiteMeasures, ctx: MetricContext, where?: { key: string; value: string }): MetricResult[] {
  return measures.metrics.filter((m) => applies(m, where)).flatMap((m) => m.compute(rows, ctx).map((r) => ({ ...r, metric: m.name })));
}

function applies(m: SuiteMeasures['metrics'][number], where?: { key: string; value: string }): boolean {
  if (!m.only) return true;
  return where !== undefined && where.key === m.only.key && m.only.values.includes(where.value);
}

export function breakdown(rows: readonly MetricRow[], group: GroupDecl, measures: SuiteMeasures, ctx: MetricContext, all: MetricResult[]): MetricTable {
  const byValue = new Map<string, MetricRow[]>();
  for (const row of rows) {
    const v = row.groups[group.key];
    if (v === null || v === undefined) continue;
    let list = byValue.get(v);
    if (!list) byValue.set(v, (list = []));
    list.push(row);
  }
  const columns: MetricColumn[] = group.pooled === false ? [] : [{ value: 'all', title: 'all', rows: rows.length, results: all }];
  for (const value of orderedValues([...byValue.keys()], group.order)) {
    const mine = byValue.get(value)!;
    columns.push({ value, title: group.titles?.[value] ?? value, rows: mine.length, results: computeMetrics(mine, measures, ctx, { key: group.key, value }) });
  }
  // Rows in declaration order: a metric that applies to some columns only keeps its place.
  const names = new Set<string>();
  for (const m of measures.metrics) for (const c of columns) for (const r of c.results) if (r.metric === m.name) names.add(r.name);
  return { key: group.key, columns, rows: [...names] };
}

/** Declared values first, in their order; any others after, sorted. */
export function orderedValues(present: string[], order: readonly string[] = []): string[] {
  const declared = order.filter((v) => present.includes(v));
  const rest = present.filter((v) => !order.includes(v)).sort();
  return [...declared, ...rest];
}

/** A result by name, in a list of results. */
export function resultNamed(results: readonly MetricResult[], name: string): MetricResult | undefined {
  return results.find((r) => r.name === name);
}
