import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport } from '../build-report.js';
import { goldenStore } from '../golden/golden-store.js';
import { SqliteStore } from '../../store/sqlite-store.js';
import { runFakeMultiturn } from '../testing/fake-multiturn-suite.js';
import { embedSamples } from './embedded-samples.js';
import { renderHtml } from './index.js';
import { parseSampleQuery } from './sample-links.js';

const VIEWER = 'http://127.0.0.1:7340';

/** The embedded records of a rendered page, decoded as the page's script does. */
function embedded(page: string): any[] {
  const data = /<script type="application\/octet-stream" id="cc-samples-data">([^<]*)<\/script>/.exec(page)![1];
  return JSON.parse(gunzipSync(Buffer.from(data, 'base64')).toString('utf8'));
}
const header = (page: string) => JSON.parse(/<script type="application\/json" id="cc-samples-header">([^<]*)<\/script>/.exec(page)![1]);
const hrefs = (page: string) => [...page.matchAll(/<a class="num" href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));

test('every number links to exactly the samples it was computed from (embedded in the page)', async () => {
  const store = goldenStore();
  const report = buildReport(store, readRun(store));
  const page = await renderHtml(report, { store, viewerUrl: VIEWER });
  const records = embedded(page);
  const h = header(page);
  const matching = (query: string) => {
    const link = parseSampleQuery(query);
    return records.filter((r) => (link.model === undefined || h.models[r.m] === link.model)
      && (link.outcome === undefined || r.o === link.outcome)
      && Object.entries(link.groups ?? {}).every(([k, v]) => r.g[h.groupKeys.indexOf(k)] === v));
  };
  assert.equal(records.length, 60, 'every model × sample × epoch, failed ones too');
  // Per model and per kind: the link of each metric cell opens the column's rows (scored or not).
  for (const m of report.models) {
    for (const col of m.breakdowns[0].columns) {
      const query = new URLSearchParams({ model: m.label, 'g.kind': col.value }).toString();
      assert.ok(hrefs(page).includes(`#samples?${query}`), `${m.label} ${col.value} has links`);
      assert.equal(matching(query).filter((r) => r.o !== 'error').length, col.rows, `${m.label} ${col.value}`);
    }
  }
  const links = hrefs(page);
  assert.ok(links.length >= 90, `every table number is a link (${links.length})`);
  for (const l of links) assert.match(l, /^#samples\?/);
  // Outcome bar segments open the samples with that outcome.
  const segment = /xlink:href="(#samples\?[^"]*outcome=incorrect[^"]*)"/.exec(page)![1].replace(/&amp;/g, '&');
  const link = parseSampleQuery(segment.slice('#samples?'.length));
  const counts = report.models.find((m) => m.label === link.model)!.outcomeCounts.groups[0].values.find((v) => v.value === link.groups!.kind)!.counts;
  assert.equal(matching(segment.slice('#samples?'.length)).length, counts.incorrect);
  store.close();
});

test('the page is self-contained: inline style and script, a policy that forbids fetching, no external resource', async () => {
  const store = goldenStore();
  const page = await renderHtml(buildReport(store, readRun(store)), { store, viewerUrl: VIEWER });
  assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
  assert.doesNotMatch(page, /<link |<img |<iframe |\ssrc=|@import|url\(http/i);
  assert.equal([...page.matchAll(/<figure class="chart" data-chart="([^"]+)"/g)].map((m) => m[1]).sort().join(','),
    'agreement,curve,outcomes,plane,self-preference,summary,summary,summary,unscored');
  store.close();
});

test('past the embedding budget, numbers link to the viewer and the page says how to start it', async () => {
  const store = goldenStore();
  const report = buildReport(store, readRun(store));
  assert.equal(embedSamples(store, report, 1000), null);
  const full = embedSamples(store, report)!;
  assert.ok(embedSamples(store, report, full.data.length), 'a budget of exactly its size fits');
  assert.equal(embedSamples(store, report, full.data.length - 1), null);
  const answers = report.models.reduce((n, m) => n + m.samplesDone + m.samplesFailed, 0);
  assert.ok(embedSamples(store, report, undefined, answers), 'exactly the answer cap still embeds');
  assert.equal(embedSamples(store, report, undefined, answers - 1), null, 'past the answer cap the run is not read');
  const page = await renderHtml(report, { store, viewerUrl: 'http://127.0.0.1:9999/', embed: false });
  assert.doesNotMatch(page, /id="cc-samples-data"/);
  for (const l of hrefs(page)) assert.ok(l.startsWith(`http://127.0.0.1:9999/#/run/${report.run.id}?`), l);
  store.close();
});

test('text from transcripts, metadata and model names is escaped everywhere it is shown', async () => {
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'cc-html-')), 'x.db'));
  const { runId } = await runFakeMultiturn(store, { samples: 6 });
  // A hostile grouping value and answer, written as a sample of the run.
  await store.saveSample({
    runId, model: 'model-a', sampleId: 'mt-hostile', epoch: 1, status: 'done', metadata: { persona: '<img src=x onerror=alert(1)>' },
    messages: [{ role: 'user', content: '</script><script>alert(1)</script>', by: 'suite' }], output: '</script><b>x</b>', generations: [],
    scores: [{ scorer: 'turn-rule', outcome: 'held', details: { turn1: 'challenges' } }],
  });
  const page = await renderHtml(buildReport(store, runId), { store, viewerUrl: VIEWER });
  assert.doesNotMatch(page, /<img src=x/);
  assert.match(page, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.equal(page.match(/<script/g)!.length, 3, 'the header, the data and the page script: nothing injected');
  assert.ok(embedded(page).some((r) => r.out === '</script><b>x</b>'), 'the transcript survives intact inside the compressed data');
  store.close();
});

function readRun(store: SqliteStore): string {
  return store.listRuns()[0].id;
}

test('a declared chart with nothing to draw in this run is named as not drawn, not left out silently', async () => {
  const store = goldenStore();
  const built = buildReport(store, readRun(store));
  const report = { ...built, layout: { ...built.layout, charts: [...built.layout.charts,
    { kind: 'plane' as const, title: 'Made-up <plane>', group: { key: 'kind', value: 'answerable' }, x: { metric: 'no-such-metric', title: 'x' }, y: { metric: 'incorrect', title: 'y' } }] } };
  const page = await renderHtml(report, { store, viewerUrl: VIEWER, embed: false });
  assert.match(page, /Not drawn: <strong>Made-up &lt;plane&gt;<\/strong> \(no model has a value for it in this run, among samples with kind = answerable\)/);
  assert.equal([...page.matchAll(/class="note chart-missing"/g)].length, 1, 'the charts that have values are drawn as before');
  store.close();
});
