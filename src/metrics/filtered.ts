/**
 * A declared metric computed over some rows only: those whose grouping key has one of the
 * values (e.g. kind = are-you-sure), wherever the rows are tabled. Unlike `only`, which shows a
 * metric only in the columns of that one key, this one also shows in other tables' columns that
 * hold such rows (each belief type's column of a delusion metric), and gives no result at all
 * where there are none (so a table has no empty row for it).
 */
import type { MetricDecl, MetricRow } from '../core/measures.js';

export function forGroup(key: string, values: readonly string[], decl: MetricDecl): MetricDecl {
  const wanted = new Set(values);
  return {
    ...decl,
    compute(rows, ctx) {
      const mine = rows.filter((r) => wanted.has(r.groups[key] ?? ''));
      return mine.length ? decl.compute(mine, ctx) : [];
    },
  };
}

/** A score's named detail from the first of `scorers` that has it (booleans as 0/1). */
export function detailFrom(row: MetricRow, scorers: readonly string[], detail: string): unknown {
  for (const s of scorers) {
    const v = row.scores[s]?.details?.[detail];
    if (v !== undefined) return typeof v === 'boolean' ? (v ? 1 : 0) : v;
  }
  return undefined;
}
