/**
 * How many of a model's samples got each outcome label, over all of them and per value of each
 * grouping key: what stacked outcome bars draw. Knows no suite; unscored rows are counted under
 * `unscored`, so the bars add up to every scored-or-not sample.
 */
import type { GroupDecl, MetricRow } from '../core/measures.js';
import { orderedValues } from './compute-metrics.js';

export interface OutcomeCounts {
  all: Record<string, number>;
  /** Per grouping key, per value (in the key's declared order), the label counts. */
  groups: { key: string; values: { value: string; title: string; counts: Record<string, number> }[] }[];
}

export function outcomeCounts(rows: readonly MetricRow[], groups: readonly GroupDecl[]): OutcomeCounts {
  const all: Record<string, number> = {};
  const byGroup = groups.map(() => new Map<string, Record<string, number>>());
  for (const row of rows) {
    all[row.outcome] = (all[row.outcome] ?? 0) + 1;
    groups.forEach((g, i) => {
      const v = row.groups[g.key];
      if (v === null || v === undefined) return;
      let counts = byGroup[i].get(v);
      if (!counts) byGroup[i].set(v, (counts = {}));
      counts[row.outcome] = (counts[row.outcome] ?? 0) + 1;
    });
  }
  return {
    all,
    groups: groups.map((g, i) => ({
      key: g.key,
      values: orderedValues([...byGroup[i].keys()], g.order).map((value) => ({ value, title: g.titles?.[value] ?? value, counts: byGroup[i].get(value)! })),
    })),
  };
}
