/**
 * The HTML report as one self-contained page: stylesheet, script, charts (SVG drawn at build
 * time) and, when they fit, the transcripts are all inline. A Content-Security-Policy forbids
 * every fetch, so the page needs no network and reaches none, from a file:// URL or a web server.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/package-root.js';
import type { RunReport } from '../build-report.js';
import { conditionLines, epochsTable } from '../tables.js';
import type { LinkTo } from './charts/chart-data.js';
import { declaredChartsSection } from './declared-charts.js';
import { embeddedHeader, type EmbeddedSamples } from './embedded-samples.js';
import { judgesSection } from './judges.js';
import { html, scriptJson, trusted, type Markup } from './markup.js';
import { modelsSection } from './models.js';
import { anchor, summarySection } from './summary.js';
import { htmlTable, linked } from './table.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/** How one run's samples are reached from the page. */
export interface RunSamples {
  linkTo: LinkTo;
  embedded: EmbeddedSamples | null;
  /** Said at the top of the page when the transcripts are not in it. */
  notice: string | null;
}

export async function renderPage(runs: { report: RunReport; samples: RunSamples }[]): Promise<string> {
  const bodies = await Promise.all(runs.map(({ report, samples }) => runBody(report, samples)));
  const embedded = runs.find((r) => r.samples.embedded);
  const title = runs.map((r) => `${r.report.run.suite} — run ${r.report.run.id}`).join('; ');
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${trusted(CSP)}">
<title>Crosscheck: ${title}</title><style>${trusted(asset('report.css'))}</style></head>
<body><header class="page" id="top"><h1>Crosscheck report: ${title}</h1>
<div class="meta">${runs.map(({ report: r }) => html`<span>${r.run.status}; models ${r.models.map((m) => m.label).join(', ')}; started ${r.conditions.startedAt}</span> `)}</div></header>
<nav class="toc">${runs.map(({ report: r }) => html`${['summary', 'charts', 'models', ...(r.panel ? ['judges'] : []), 'conditions'].map(
    (s) => html`<a href="#${anchor(r, s)}">${runs.length > 1 ? `${r.run.suite}: ` : ''}${s}</a>`,
  )}`)}</nav>
<main>${bodies}
${embedded ? samplesSection(embedded.report, embedded.samples.embedded!) : ''}
</main><script>${trusted(asset('report-client.js'))}</script></body></html>
`;
  return page.html;
}

async function runBody(report: RunReport, samples: RunSamples): Promise<Markup> {
  const [summary, charts, judges] = await Promise.all([
    summarySection(report, samples.linkTo),
    declaredChartsSection(report, samples.linkTo),
    judgesSection(report, samples.linkTo),
  ]);
  return html`<article class="run">${samples.notice ? html`<p class="notice">${samples.notice}</p>` : ''}
    ${summary}${charts}${modelsSection(report, samples.linkTo)}${epochsSection(report)}${judges}${conditionsSection(report, samples.linkTo)}</article>`;
}

function epochsSection(report: RunReport): Markup {
  if (!report.epochs) return html``;
  const t = epochsTable(report.epochs);
  return html`<section id="${anchor(report, 'epochs')}"><h2>Epochs (${report.epochs[0].epochs} per sample)</h2>
    <p class="note">Epochs of one sample are not independent: every interval in this report is clustered by sample.</p>${htmlTable(t.headers, t.rows)}</section>`;
}

function conditionsSection(report: RunReport, linkTo: LinkTo): Markup {
  const shown = report.errors.slice(0, 50);
  const failures = report.errors.length
    ? html`<h3>Failed samples (${report.errors.length})</h3>${htmlTable(['model', 'sample', 'epoch', 'error'], shown.map((e) => [
      e.model, linked(e.sampleId, linkTo({ model: e.model, outcome: 'error' }), 'open the failed samples'), String(e.epoch), e.error,
    ]))}${report.errors.length > shown.length ? html`<p class="note">(${report.errors.length - shown.length} more)</p>` : ''}`
    : '';
  return html`<section id="${anchor(report, 'conditions')}"><h2>Conditions</h2>
    <ul class="conditions">${conditionLines(report).map((l) => html`<li>${l}</li>`)}</ul>${failures}</section>`;
}

function samplesSection(report: RunReport, embedded: EmbeddedSamples): Markup {
  return html`<section id="samples" hidden><h2>Samples</h2>
    <p class="note">${embedded.records} transcripts of run ${report.run.id} are in this page. <a href="#top">Back to the top</a>.</p>
    <div class="samples-body"></div>
    <script type="application/json" id="cc-samples-header">${scriptJson(embeddedHeader(report))}</script>
    <script type="application/octet-stream" id="cc-samples-data">${embedded.data}</script></section>`;
}

function asset(name: string): string {
  return readFileSync(join(packageRoot(), 'src', 'report', 'html', 'assets', name), 'utf8');
}
