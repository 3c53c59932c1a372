/**
 * Test helper: one metric's value from a model's report (as built, or read back from
 * `report --format json`), overall or for one value of a grouping key.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function metricOf(model: any, name: string, column = 'all'): any {
  const results = column === 'all'
    ? model.overall
    : model.breakdowns.flatMap((t: any) => t.columns).find((c: any) => c.value === column)?.results;
  const found = results?.find((r: any) => r.name === name);
  if (!found) throw new Error(`no metric "${name}" in column "${column}" of ${model.label}`);
  return found.value;
}
