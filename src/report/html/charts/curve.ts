/**
 * A family of declared metrics as a curve per model: a penalised score against its threshold t,
 * a rate against the turn index. Each point has its 95% interval (a band) and links to the
 * samples behind it.
 */
import type { ChartDecl } from '../../../core/measures.js';
import type { TopLevelSpec } from 'vega-lite';
import type { ModelReport } from '../../build-report.js';
import { axisFormat, figure, metricPoint, modelScale, type LinkTo } from './chart-data.js';

type CurveDecl = Extract<ChartDecl, { kind: 'curve' }>;

export function curveSpec(decl: CurveDecl, models: readonly ModelReport[], linkTo: LinkTo): TopLevelSpec | null {
  const values = models.flatMap((m) => decl.points.flatMap(({ x, metric }) => {
    const p = metricPoint(m, metric, decl.group);
    if (!p) return [];
    return [{
      model: m.label, x, y: p.value, lo: p.lower ?? p.value, hi: p.upper ?? p.value, share: p.share,
      href: linkTo({ model: m.label, ...(decl.group ? { groups: { [decl.group.key]: decl.group.value } } : {}) }),
      tip: `${m.label}, ${decl.xTitle} = ${x}: ${figure(p)}`,
    }];
  }));
  if (values.length === 0) return null;
  const integers = decl.points.every((p) => Number.isInteger(p.x));
  const color = { field: 'model', type: 'nominal', scale: modelScale(models), legend: { title: 'model', orient: 'bottom', direction: 'vertical', symbolType: 'circle', symbolOpacity: 1 } } as const;
  const x = { field: 'x', type: 'quantitative', title: decl.xTitle, scale: { zero: false, nice: false }, axis: integers ? { tickMinStep: 1, format: 'd' } : {} } as const;
  const y = { field: 'y', type: 'quantitative', title: decl.yTitle, axis: { format: axisFormat(values[0].share) } } as const;
  const crossesZero = values.some((v) => v.lo < 0) && values.some((v) => v.hi > 0);
  return {
    width: 420, height: 280,
    data: { values },
    layer: [
      { mark: { type: 'area', opacity: 0.15 }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color } },
      { mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y, color } },
      { mark: { type: 'point', filled: true, size: 60, opacity: 1, cursor: 'pointer' }, encoding: { x, y, color, href: { field: 'href' }, description: { field: 'tip' } } },
      ...(crossesZero ? [{ data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#888', strokeDash: [4, 3] }, encoding: { y: { field: 'zero', type: 'quantitative' } } }] : []),
    ],
  } as TopLevelSpec;
}
