/**
 * The side-by-side summary of a suite: each headline section (all items, or one value of a
 * grouping key) as a table of every model's headline numbers, each linking to the samples behind
 * it, and the same numbers drawn with their 95% whiskers.
 */
import type { RunReport } from '../build-report.js';
import { formatValue } from '../markdown.js';
import { resultsIn } from '../scope.js';
import { whiskersSpec } from './charts/whiskers.js';
import type { LinkTo } from './charts/chart-data.js';
import { chartFigure } from './figure.js';
import { html, type Markup } from './markup.js';
import { htmlTable, linked } from './table.js';

export async function summarySection(report: RunReport, linkTo: LinkTo): Promise<Markup> {
  const sections = await Promise.all(report.layout.headline.map(async (section, i) => {
    const scopeLink = (model: string) => linkTo({ model, ...(section.group ? { groups: { [section.group.key]: section.group.value } } : {}) });
    const rows = report.models.map((m) => {
      const results = resultsIn(m, section.group);
      return [m.label, ...section.columns.map((c) => {
        const r = results?.find((x) => x.name === c.metric);
        return r ? linked(formatValue(r.value, { point: c.point }), scopeLink(m.label)) : 'n/a';
      })];
    });
    const chart = await chartFigure('summary', `${section.scope}: 95% intervals`, whiskersSpec(section, report.models, linkTo));
    return html`<section class="headline" id="${anchor(report, `summary-${i}`)}"><h3>${section.scope}</h3>
      ${htmlTable(['model', ...section.columns.map((c) => c.title)], rows)}${chart}</section>`;
  }));
  const caveat = report.primaryCaveat ? html`<p class="caveat">${report.primaryCaveat}</p>` : '';
  const agreement = report.graderAgreement ? html`<p class="note">Grader check: ${report.graderAgreement}</p>` : '';
  return html`<section id="${anchor(report, 'summary')}"><h2>Summary</h2><p class="graded">Graded by ${report.gradedBy}.</p>${caveat}${sections}${agreement}</section>`;
}

/** An element id unique to one run's section on a page that may hold several runs. */
export function anchor(report: RunReport, name: string): string {
  return `run-${report.run.id}-${name}`;
}
