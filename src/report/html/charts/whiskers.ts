/**
 * A headline section as small charts, one per column that has an interval: each model's point
 * with its 95% whisker, linking to the samples behind it. Counts stay in the table beside it.
 */
import type { HeadlineSection } from '../../../core/measures.js';
import type { TopLevelSpec } from 'vega-lite';
import type { ModelReport } from '../../build-report.js';
import { axisFormat, figure, metricPoint, modelScale, type LinkTo } from './chart-data.js';

export function whiskersSpec(section: HeadlineSection, models: readonly ModelReport[], linkTo: LinkTo): TopLevelSpec | null {
  const charts = section.columns.flatMap((col): object[] => {
    const values = models.flatMap((m) => {
      const p = metricPoint(m, col.metric, section.group);
      if (!p || p.lower === null || p.upper === null) return [];
      return [{
        model: m.label, v: p.value, lo: p.lower, hi: p.upper, share: p.share, tip: `${m.label}: ${col.title} ${figure(p)}`,
        href: linkTo({ model: m.label, ...(section.group ? { groups: { [section.group.key]: section.group.value } } : {}) }),
      }];
    });
    if (values.length === 0) return [];
    const color = { field: 'model', type: 'nominal', scale: modelScale(models), legend: null } as const;
    const y = { field: 'model', type: 'nominal', title: null, sort: models.map((m) => m.label), axis: { labelLimit: 160 } };
    const x = { field: 'v', type: 'quantitative', title: null, scale: values[0].share ? { domain: [0, 1] } : { zero: false, nice: true }, axis: { format: axisFormat(values[0].share), tickCount: 4 } } as const;
    return [{
      title: col.title, width: 180, height: { step: 24 },
      data: { values },
      layer: [
        { mark: { type: 'rule', strokeWidth: 2 }, encoding: { y, x: { ...x, field: 'lo' }, x2: { field: 'hi' }, color } },
        { mark: { type: 'point', filled: true, size: 80, opacity: 1, cursor: 'pointer' }, encoding: { y, x, color, href: { field: 'href' }, description: { field: 'tip' } } },
      ],
    }];
  });
  if (charts.length === 0) return null;
  // Model names once, on the left of the first chart.
  charts.slice(1).forEach((c) => hideModelNames(c));
  return { hconcat: charts, spacing: 24, resolve: { scale: { y: 'shared' } } } as unknown as TopLevelSpec;
}

function hideModelNames(chart: object): void {
  for (const layer of (chart as { layer: { encoding: { y: { axis: object } } }[] }).layer) layer.encoding.y = { ...layer.encoding.y, axis: { labels: false, ticks: false, domain: false } };
}
