/**
 * Every declared metric per model, over all samples and per value of each grouping key, each
 * number linking to the samples it was computed from; with the model's run notes (returned ids,
 * samples done and failed, calls and tokens, human labels, cross-check agreement).
 */
import type { MetricResult } from '../../core/measures.js';
import type { ModelReport, RunReport } from '../build-report.js';
import type { MetricTable } from '../compute-metrics.js';
import { formatValue } from '../markdown.js';
import { modelNotes } from '../tables.js';
import type { LinkTo } from './charts/chart-data.js';
import { html, type Markup } from './markup.js';
import { anchor } from './summary.js';
import { htmlTable, linked } from './table.js';

export function modelsSection(report: RunReport, linkTo: LinkTo): Markup {
  return html`<section id="${anchor(report, 'models')}"><h2>Results by model</h2>${report.models.map((m) => modelBlock(m, report, linkTo))}</section>`;
}

function modelBlock(m: ModelReport, report: RunReport, linkTo: LinkTo): Markup {
  const tables: MetricTable[] = m.breakdowns.length
    ? m.breakdowns
    : [{ key: '', columns: [{ value: 'all', title: 'all', rows: 0, results: m.overall }], rows: m.overall.map((r) => r.name) }];
  const notes = modelNotes(m, report.primaryTitle);
  const failed = m.samplesFailed ? html` · ${linked(`${m.samplesFailed} failed`, linkTo({ model: m.label, outcome: 'error' }), 'open the failed samples')}` : '';
  return html`<article class="model"><h3>${m.label} <span class="ref">${m.ref}</span></h3>
    ${report.primaryCaveat ? html`<p class="caveat">graded by: ${report.primaryCaveat}</p>` : ''}
    ${tables.map((t) => metricTable(t, m.label, linkTo))}
    <ul class="notes">${notes.map((n) => html`<li>${n}</li>`)}</ul>
    <p>${linked('all samples', linkTo({ model: m.label }))}${failed}</p></article>`;
}

function metricTable(table: MetricTable, model: string, linkTo: LinkTo): Markup {
  const titles = new Map<string, string>();
  for (const name of table.rows) titles.set(name, table.columns.flatMap((c) => c.results).find((r) => r.name === name)!.title);
  const cell = (results: MetricResult[], name: string, value: string) => {
    const r = results.find((x) => x.name === name);
    if (!r) return '—';
    return linked(formatValue(r.value), linkTo({ model, ...(value === 'all' || !table.key ? {} : { groups: { [table.key]: value } }) }));
  };
  const rows = [...titles].map(([name, title]) => [title, ...table.columns.map((c) => cell(c.results, name, c.value))]);
  return htmlTable([table.key ? `metric (by ${table.key})` : 'metric', ...table.columns.map((c) => c.title)], rows);
}
