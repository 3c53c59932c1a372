/**
 * Stacked shares of outcome labels, a bar per model, one panel per value of a grouping key when
 * the chart declares `by`. Labels the chart names come first, in its order; any other label a
 * grader gave follows, and unscored samples are a grey segment of their own (never dropped).
 * Each segment links to its samples.
 */
import type { ChartDecl, OutcomeDecl } from '../../../core/measures.js';
import type { TopLevelSpec } from 'vega-lite';
import type { ModelReport } from '../../build-report.js';
import { outcomeScale, outcomeTitle, type LinkTo } from './chart-data.js';

type OutcomesDecl = Extract<ChartDecl, { kind: 'outcomes' }>;

interface Panel {
  value: string | null;
  title: string;
  counts: (m: ModelReport) => Record<string, number> | undefined;
}

export function outcomeBarsSpec(decl: OutcomesDecl, models: readonly ModelReport[], outcomes: readonly OutcomeDecl[], linkTo: LinkTo): TopLevelSpec | null {
  const panels = panelsOf(decl, models);
  const present = new Set(models.flatMap((m) => panels.flatMap((p) => Object.keys(p.counts(m) ?? {}))));
  const labels = [...decl.labels, ...[...present].filter((l) => !decl.labels.includes(l) && l !== 'unscored').sort(), ...(present.has('unscored') ? ['unscored'] : [])];
  const values = panels.flatMap((panel) => models.flatMap((m) => {
    const counts = panel.counts(m);
    if (!counts) return [];
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    return labels.filter((l) => counts[l]).map((label) => {
      // Counts are kept per grouping key, not crossed: with `by`, the panels are its values over every sample.
      const groups = decl.by && panel.value !== null ? { [decl.by]: panel.value } : decl.group ? { [decl.group.key]: decl.group.value } : {};
      return {
        model: m.label, panel: panel.title, label: outcomeTitle(outcomes, label), order: labels.indexOf(label), n: counts[label],
        href: linkTo({ model: m.label, ...(Object.keys(groups).length ? { groups } : {}), outcome: label }),
        tip: `${m.label}${panel.value !== null ? `, ${panel.title}` : ''}: ${outcomeTitle(outcomes, label)} ${counts[label]} of ${total} (${((100 * counts[label]) / total).toFixed(1)}%)`,
      };
    });
  }));
  if (values.length === 0) return null;
  const bar = {
    width: 460, height: { step: 20 },
    mark: { type: 'bar', cursor: 'pointer' },
    encoding: {
      y: { field: 'model', type: 'nominal', title: null, sort: models.map((m) => m.label), axis: { labelLimit: 220 } },
      x: { field: 'n', type: 'quantitative', aggregate: 'sum', stack: 'normalize', title: 'share of samples', axis: { format: '.0%' } },
      color: { field: 'label', type: 'nominal', title: 'outcome', scale: outcomeScale(outcomes, labels), legend: { orient: 'bottom', direction: 'horizontal' } },
      order: { field: 'order', type: 'quantitative' },
      href: { field: 'href' },
      description: { field: 'tip' },
    },
  };
  if (!decl.by) return { data: { values }, ...bar } as TopLevelSpec;
  return {
    data: { values },
    facet: { row: { field: 'panel', type: 'nominal', title: null, sort: panels.map((p) => p.title), header: { labelAngle: 0, labelOrient: 'top', labelAnchor: 'start', labelFontSize: 12, labelFontWeight: 600 } } },
    spec: bar,
    resolve: { scale: { y: 'independent' } },
  } as TopLevelSpec;
}

function panelsOf(decl: OutcomesDecl, models: readonly ModelReport[]): Panel[] {
  if (!decl.by) {
    const g = decl.group;
    if (!g) return [{ value: null, title: 'all', counts: (m) => m.outcomeCounts.all }];
    return [{ value: null, title: g.value, counts: (m) => m.outcomeCounts.groups.find((x) => x.key === g.key)?.values.find((v) => v.value === g.value)?.counts }];
  }
  const seen = new Map<string, string>();
  for (const m of models) for (const v of m.outcomeCounts.groups.find((x) => x.key === decl.by)?.values ?? []) if (!seen.has(v.value)) seen.set(v.value, v.title);
  return [...seen].map(([value, title]) => ({
    value, title, counts: (m) => m.outcomeCounts.groups.find((x) => x.key === decl.by)?.values.find((v) => v.value === value)?.counts,
  }));
}
