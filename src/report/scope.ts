import type { MetricResult } from '../core/measures.js';
import type { ModelReport } from './build-report.js';

/** A model's results over every sample, or over one value of a grouping key (undefined when it has no such column). */
export function resultsIn(m: ModelReport, group?: { key: string; value: string }): MetricResult[] | undefined {
  if (!group) return m.overall;
  const table = m.breakdowns.find((t) => t.key === group.key);
  return table?.columns.find((c) => c.value === group.value)?.results;
}
