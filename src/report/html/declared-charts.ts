/**
 * The charts a suite declares (core/measures.ts ChartDecl), drawn from its metrics: a plane of two
 * metrics, a curve over a metric family, stacked outcome bars. A new suite's charts need no code here.
 */
import type { ChartDecl } from '../../core/measures.js';
import type { RunReport } from '../build-report.js';
import type { LinkTo } from './charts/chart-data.js';
import { curveSpec } from './charts/curve.js';
import { outcomeBarsSpec } from './charts/outcome-bars.js';
import { planeSpec } from './charts/plane.js';
import { chartFigure } from './figure.js';
import { html, type Markup } from './markup.js';
import { anchor } from './summary.js';

export async function declaredChartsSection(report: RunReport, linkTo: LinkTo): Promise<Markup> {
  const outcomeBars: ChartDecl[] = report.layout.charts.some((c) => c.kind === 'outcomes') ? [] : defaultOutcomeCharts(report);
  const figures = await Promise.all([...report.layout.charts, ...outcomeBars].map(async (decl) => {
    const figure = await chart(decl, report, linkTo);
    // A declared chart this run has no values for (its metrics need a judge, or no sample of its
    // group ran) is named, so a reader knows it is missing rather than forgotten.
    return figure.html ? figure : html`<p class="note chart-missing">Not drawn: <strong>${decl.title}</strong> (no model has a value for it in this run${decl.group ? html`, among samples with ${decl.group.key} = ${decl.group.value}` : ''}).</p>`;
  }));
  return html`<section id="${anchor(report, 'charts')}"><h2>Charts</h2>
    <p class="note">Whiskers and bands are 95% intervals (method under Conditions). Every mark opens the samples behind it.</p>
    <div class="charts">${figures}</div></section>`;
}

function chart(decl: ChartDecl, report: RunReport, linkTo: LinkTo): Promise<Markup> {
  switch (decl.kind) {
    case 'plane':
      return chartFigure('plane', decl.title, planeSpec(decl, report.models, linkTo), `each model at (${decl.x.title}, ${decl.y.title})`);
    case 'curve':
      return chartFigure('curve', decl.title, curveSpec(decl, report.models, linkTo));
    case 'outcomes':
      return chartFigure('outcomes', decl.title, outcomeBarsSpec(decl, report.models, report.layout.outcomes, linkTo));
  }
}

/**
 * A suite that declares no outcome bars still gets them: over every sample, and per value of
 * each grouping key, in its declared labels.
 */
function defaultOutcomeCharts(report: RunReport): ChartDecl[] {
  const labels = report.layout.outcomes.map((o) => o.label);
  return [
    { kind: 'outcomes', title: 'Outcomes', labels },
    ...report.layout.groups.map((g): ChartDecl => ({ kind: 'outcomes', title: `Outcomes by ${g.key}`, labels, by: g.key })),
  ];
}
