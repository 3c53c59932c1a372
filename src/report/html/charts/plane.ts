/**
 * Models as points on a plane of two declared metrics (the hallucination suite: declined against
 * incorrect), each with its 95% interval on both axes, each point linking to its samples.
 */
import type { ChartDecl } from '../../../core/measures.js';
import type { TopLevelSpec } from 'vega-lite';
import type { ModelReport } from '../../build-report.js';
import { axisFormat, figure, metricPoint, modelScale, type LinkTo } from './chart-data.js';

type PlaneDecl = Extract<ChartDecl, { kind: 'plane' }>;

export function planeSpec(decl: PlaneDecl, models: readonly ModelReport[], linkTo: LinkTo): TopLevelSpec | null {
  const values = models.flatMap((m) => {
    const x = metricPoint(m, decl.x.metric, decl.group);
    const y = metricPoint(m, decl.y.metric, decl.group);
    if (!x || !y) return [];
    return [{
      model: m.label, x: x.value, xlo: x.lower ?? x.value, xhi: x.upper ?? x.value, y: y.value, ylo: y.lower ?? y.value, yhi: y.upper ?? y.value,
      href: linkTo({ model: m.label, ...(decl.group ? { groups: { [decl.group.key]: decl.group.value } } : {}) }),
      tip: `${m.label}: ${decl.x.title} ${figure(x)}; ${decl.y.title} ${figure(y)}`,
      xShare: x.share, yShare: y.share,
    }];
  });
  if (values.length === 0) return null;
  const color = { field: 'model', type: 'nominal', scale: modelScale(models), legend: { title: 'model', orient: 'bottom', direction: 'vertical' } } as const;
  // Shares on the whole square, so two runs' planes read alike; other metrics fit their data.
  const scale = (share: boolean) => (share ? { domain: [0, 1] } : { zero: true, nice: true });
  const x = { field: 'x', type: 'quantitative', title: decl.x.title, scale: scale(values[0].xShare), axis: { format: axisFormat(values[0].xShare) } } as const;
  const y = { field: 'y', type: 'quantitative', title: decl.y.title, scale: scale(values[0].yShare), axis: { format: axisFormat(values[0].yShare) } } as const;
  return {
    width: 420, height: 300,
    data: { values },
    layer: [
      { mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { x: { ...x, field: 'xlo' }, x2: { field: 'xhi' }, y, color } },
      { mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { x, y: { ...y, field: 'ylo' }, y2: { field: 'yhi' }, color } },
      { mark: { type: 'point', filled: true, size: 110, opacity: 1, cursor: 'pointer' }, encoding: { x, y, color, href: { field: 'href' }, description: { field: 'tip' } } },
      { mark: { type: 'text', align: 'left', dx: 8, dy: -8, fontSize: 11 }, encoding: { x, y, text: { field: 'model' } } },
    ],
  } as TopLevelSpec;
}
