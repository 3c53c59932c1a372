/**
 * The HTML report in a real headless Chromium, opened from a file:// URL: no console error, no
 * request anywhere, every declared chart drawn, numbers that open their transcripts, one sample
 * side by side. Three suites it was not written for: the hallucination suite (a stored run with
 * a panel and epochs), the example YAML suite (run through the CLI), and a multi-turn test double.
 * Screenshots go to a temporary folder (or CROSSCHECK_SCREENSHOTS), named in the test output.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { packageRoot } from '../../core/package-root.js';
import { runCli } from '../../cli/testing/run-cli.js';
import { SqliteStore } from '../../store/sqlite-store.js';
import { buildReport } from '../build-report.js';
import { goldenStore } from '../golden/golden-store.js';
import { chromiumMissing, launchChromium, type Browser } from '../testing/chromium.js';
import { runFakeMultiturn } from '../testing/fake-multiturn-suite.js';
import { renderHtml } from './index.js';

const skip = chromiumMissing();
const dir = mkdtempSync(join(tmpdir(), 'cc-html-browser-'));
let browser: Browser;
before(async () => { if (!skip) browser = await launchChromium(); });
after(async () => { await browser?.close(); });

async function open(name: string, html: string): Promise<Page> {
  const file = join(dir, `${name}.html`);
  writeFileSync(file, html);
  const page = await browser.page();
  await page.goto(pathToFileURL(file).href);
  return page;
}

/** Every chart figure has an SVG with drawn marks; returns the chart kinds in page order. */
async function drawnCharts(page: Page): Promise<string[]> {
  const figures = await page.$$eval('figure.chart', (fs) => fs.map((f) => ({
    kind: f.getAttribute('data-chart')!,
    marks: f.querySelectorAll('svg path, svg rect, svg line').length,
    height: f.querySelector('svg')?.getBoundingClientRect().height ?? 0,
  })));
  for (const f of figures) assert.ok(f.marks > 5 && f.height > 40, `${f.kind} is drawn (${f.marks} marks, ${f.height}px)`);
  return figures.map((f) => f.kind);
}

async function shot(page: Page, name: string, t: { diagnostic(s: string): void }, selector?: string): Promise<void> {
  const path = join(browser.screenshots, `${name}.png`);
  if (selector) await page.locator(selector).first().screenshot({ path });
  else await page.screenshot({ path, fullPage: true });
  t.diagnostic(`screenshot: ${path}`);
}

test('hallucination: every declared chart and the judge panel are drawn; a number opens its transcripts; a sample opens side by side', { skip }, async (t) => {
  const store = goldenStore();
  const report = buildReport(store, store.listRuns()[0].id);
  const page = await open('hallucination', await renderHtml(report, { store, viewerUrl: 'http://127.0.0.1:7340' }));
  store.close();
  const kinds = await drawnCharts(page);
  assert.deepEqual(kinds, ['summary', 'summary', 'summary', 'plane', 'curve', 'outcomes', 'agreement', 'self-preference', 'unscored']);
  await shot(page, 'report-hallucination', t);
  await shot(page, 'report-hallucination-plane', t, 'figure[data-chart=plane]');

  // The first number of the answerable table: model a's answerable samples, every one of them.
  const answerable = report.models[0].breakdowns[0].columns.find((c) => c.value === 'answerable')!;
  await page.locator('section.headline table a.num').first().click();
  await page.waitForSelector('#samples:not([hidden]) details.sample');
  assert.equal(await page.locator('#samples details.sample').count(), answerable.rows);
  assert.match(await page.locator('#samples .filter').textContent() ?? '', new RegExp(`: ${answerable.rows} samples$`));
  await page.locator('#samples details.sample summary').first().click();
  // The opened sample's turns are drawn after the toggle (inflated from the page's data): wait
  // for them (isVisible does not wait, and a loaded machine lost that race once in CI).
  await page.locator('#samples details.sample .turn.by-target').first().waitFor({ state: 'visible', timeout: 15_000 });
  await shot(page, 'report-hallucination-samples', t, '#samples');

  // A bar segment of the outcome chart (an SVG link) opens the samples with that outcome.
  await page.locator('figure[data-chart=outcomes] svg a').first().click();
  await page.waitForFunction(() => location.hash.includes('outcome='));
  const listed = await page.locator('#samples .chip[class*="outcome-"]').allTextContents();
  assert.ok(listed.length > 0 && new Set(listed).size === 1, `one outcome listed: ${[...new Set(listed)]}`);

  await page.locator('#samples details.sample summary a', { hasText: 'every model' }).first().click();
  await page.waitForSelector('#samples .side-by-side');
  assert.equal(await page.locator('#samples .side-by-side .column').count(), 2);
  await shot(page, 'report-hallucination-side-by-side', t, '#samples');
  assert.deepEqual(browser.problems, []);
});

test('a YAML suite (run through the CLI): default outcome bars overall and by its grouping key', { skip }, async (t) => {
  const store = join(dir, 'yaml.db');
  const refuser = join(dir, 'refuser.json');
  writeFileSync(refuser, JSON.stringify({ default: "I'm sorry, but I can't help with that request." }));
  const example = join(packageRoot(), 'examples', 'suites', 'everyday-overrefusal');
  const r = await runCli(['eval', example, '--model', 'scripted:echo', '--model', `scripted:${refuser}`, '--store', store, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const runId = /run id: (\S+)/.exec(r.stdout)![1];
  const html = await runCli(['report', runId, '--format', 'html', '--store', store]);
  assert.equal(html.code, 0, html.stderr);
  const page = await open('yaml', html.stdout);
  assert.deepEqual(await drawnCharts(page), ['summary', 'outcomes', 'outcomes']);
  assert.match(await page.locator('figure[data-chart=outcomes] figcaption').nth(1).textContent() ?? '', /by category/);
  await shot(page, 'report-yaml-suite', t);
  assert.deepEqual(browser.problems, []);
});

test('a multi-turn plug-in: the per-turn curve, outcomes by persona, and every turn with who said it', { skip }, async (t) => {
  const store = new SqliteStore(join(dir, 'multiturn.db'));
  const { runId } = await runFakeMultiturn(store, { samples: 24, judges: true });
  const page = await open('multiturn', await renderHtml(buildReport(store, runId), { store, viewerUrl: 'http://127.0.0.1:7340' }));
  store.close();
  assert.deepEqual(await drawnCharts(page), ['summary', 'curve', 'outcomes', 'agreement', 'self-preference', 'unscored']);
  // The curve has a point per model per turn (4 turns × 2 models), each a link.
  assert.equal(await page.locator('figure[data-chart=curve] svg a').count(), 8);
  await shot(page, 'report-multiturn-curve', t, 'figure[data-chart=curve]');
  await page.goto(`${page.url().split('#')[0]}#samples?id=mt-001&epoch=1`);
  await page.waitForSelector('#samples .side-by-side');
  const who = await page.locator('#samples .side-by-side .column').nth(1).locator('.turn .who').allTextContents();
  assert.deepEqual(who.map((w) => w.split(' · ')[0]), ['suite', 'target', 'user', 'target', 'user', 'target', 'user', 'target']);
  await shot(page, 'report-multiturn-side-by-side', t, '#samples');
  assert.deepEqual(browser.problems, []);
});
