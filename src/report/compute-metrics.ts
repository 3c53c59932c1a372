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

/** Results broken down by one grouping key; the first column is every sample ("all"). */
export interface MetricTable {
  key: string;
  columns: MetricColumn[];
}

export function computeMetrics(rows: readonly MetricRow[], measures: SuiteMeasures, ctx: MetricContext): MetricResult[] {
  return measures.metrics.flatMap((m) => m.compute(rows, ctx));
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
  const columns: MetricColumn[] = [{ value: 'all', title: 'all', rows: rows.length, results: all }];
  for (const value of orderedValues([...byValue.keys()], group.order)) {
    const mine = byValue.get(value)!;
    columns.push({ value, title: group.titles?.[value] ?? value, rows: mine.length, results: computeMetrics(mine, measures, ctx) });
  }
  return { key: group.key, columns };
}

/** Declared values first, in their order; any others after, sorted. */
function orderedValues(present: string[], order: readonly string[] = []): string[] {
  const declared = order.filter((v) => present.includes(v));
  const rest = present.filter((v) => !order.includes(v)).sort();
  return [...declared, ...rest];
}

/** A result by name, in a list of results. */
export function resultNamed(results: readonly MetricResult[], name: string): MetricResult | undefined {
  return results.find((r) => r.name === name);
}
