/**
 * The viewer in a real headless Chromium over a run of 100,000 samples × 2 models written
 * straight into a SQLite store: it lists runs, filters, pages forward and back (each page one
 * server round trip of 50 rows, never the run), opens one sample side by side, and stores a
 * human label. Screenshots go to a temporary folder (or CROSSCHECK_SCREENSHOTS).
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { chromiumMissing, launchChromium, type Browser } from '../report/testing/chromium.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { syntheticOutcome, syntheticSampleId, writeSyntheticRun } from '../store/testing/synthetic-run.js';
import { startViewer, type RunningViewer } from './server.js';

const skip = chromiumMissing();
const SAMPLES = 100_000;
const LABELS = ['correct', 'incorrect', 'abstained'];
const MODELS = ['scripted:model-a', 'scripted:model-b'];
let store: SqliteStore;
let viewer: RunningViewer;
let browser: Browser;

before(async () => {
  if (skip) return;
  browser = await launchChromium(); // first: a missing browser fails before 100,000 samples are written
  store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'cc-viewer-big-')), 'big.db'));
  await writeSyntheticRun(store, { runId: 'big', samples: SAMPLES, primary: 'model-grader', labels: LABELS, models: MODELS });
  await writeSyntheticRun(store, { runId: 'small', samples: 20, primary: 'model-grader', labels: LABELS, models: MODELS });
  viewer = await startViewer(store, 0);
});
after(async () => {
  await browser?.close();
  await viewer?.close();
  store?.close();
});

async function shot(page: Page, name: string, t: { diagnostic(s: string): void }): Promise<void> {
  const path = join(browser.screenshots, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  t.diagnostic(`screenshot: ${path}`);
}

const sampleIds = (page: Page) => page.locator('#samples tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-sample')!));

test('the viewer lists runs, filters and pages through 100,000 samples, and opens one sample side by side', { skip }, async (t) => {
  const page = await browser.page();
  const api: string[] = [];
  page.on('request', (r) => { if (r.url().includes('/api/')) api.push(new URL(r.url()).pathname + new URL(r.url()).search); });
  await page.goto(`${viewer.url}/`);
  await page.waitForSelector('#runs tbody tr');
  assert.deepEqual(await page.locator('#runs tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run'))), ['small', 'big']);
  await shot(page, 'viewer-runs', t);

  await page.locator('#runs tr[data-run="big"] a').click();
  await page.waitForSelector('#samples tbody tr');
  assert.equal(await page.locator('#samples tbody tr').count(), 50);
  await page.waitForFunction(() => /matching/.test(document.getElementById('count')?.textContent ?? ''));
  assert.match(await page.locator('#count').textContent() ?? '', /^100,000 matching$/);

  // Filter: model b's hallucinated answers to answerable questions, chosen in the form.
  await page.selectOption('select[name="g.kind"]', 'answerable');
  await page.waitForFunction(() => location.hash.includes('g.kind=answerable'));
  await page.selectOption('select[name="model"]', MODELS[1]);
  await page.waitForFunction(() => location.hash.includes('model='));
  await page.selectOption('select[name="outcome"]', 'incorrect');
  await page.waitForFunction(() => location.hash.includes('outcome=incorrect'));
  await page.waitForSelector('#samples tbody tr');
  const want = Array.from({ length: SAMPLES }, (_, i) => i).filter((i) => i % 2 === 1 && syntheticOutcome(i, 1, LABELS).verdict === 'incorrect').map(syntheticSampleId);
  await page.waitForFunction((n) => document.getElementById('count')?.textContent === `${n} matching`, want.length.toLocaleString('en'));

  // Page forward three times and back twice: each page is the next 50 of the filtered run.
  const pages: string[][] = [await sampleIds(page)];
  for (let p = 1; p <= 3; p++) {
    await page.locator('.pager a.next').first().click();
    await page.waitForFunction((first) => document.querySelector('#samples tbody tr')?.getAttribute('data-sample') !== first, pages[p - 1][0]);
    pages.push(await sampleIds(page));
  }
  assert.deepEqual(pages.flat(), want.slice(0, 200));
  for (let p = 2; p >= 1; p--) {
    await page.locator('.pager a.prev').first().click();
    await page.waitForFunction((first) => document.querySelector('#samples tbody tr')?.getAttribute('data-sample') === first, pages[p][0]);
    assert.deepEqual(await sampleIds(page), pages[p]);
  }
  const cells = await page.locator(`#samples tbody td[data-model="${MODELS[1]}"] .chip`).allTextContents();
  assert.ok(cells.every((c) => c.startsWith('hallucinated')), 'every listed row is one of model b\'s hallucinations');
  assert.ok(!api.some((a) => /limit=(\d+)/.exec(a) && Number(/limit=(\d+)/.exec(a)![1]) > 200), 'no request asks for more than a page');
  await shot(page, 'viewer-run-filtered', t);

  // Judges' disagreement filter (split items are unscored: any outcome).
  await page.selectOption('select[name="outcome"]', '');
  await page.waitForFunction(() => !location.hash.includes('outcome='));
  await page.waitForSelector('#samples tbody tr');
  await page.locator('input[name="disagree"]').check();
  await page.waitForFunction(() => location.hash.includes('disagree=1'));
  await page.waitForSelector('#samples tbody tr .chip.flag');
  const flagged = await page.locator(`#samples tbody td[data-model="${MODELS[1]}"] .chip.flag`).count();
  assert.equal(flagged, await page.locator('#samples tbody tr').count(), 'every row: model b\'s judges split');

  // One sample, both models side by side, every turn with who said it; a human label stored.
  await page.locator('#samples tbody tr a').first().click();
  await page.waitForSelector('.side-by-side .answer');
  assert.equal(await page.locator('.side-by-side .answer').count(), 2);
  const who = await page.locator('.answer').nth(0).locator('.turn .who').allTextContents();
  assert.deepEqual(who.map((w) => w.split(' · ')[0]), ['suite', 'suite', 'target', 'user', 'target']);
  await page.locator('.answer').nth(1).locator('tr[data-scorer="model-grader/judge-b"]').waitFor({ state: 'visible', timeout: 15_000 });
  const sampleId = /sample\/([^/]+)\//.exec(await page.evaluate(() => location.hash))![1];
  await page.locator('.answer').nth(1).locator('button[data-label="correct"]').click();
  await page.waitForSelector('.answer >> nth=1 >> button.chosen[data-label="correct"]');
  const human = store.scoresForSample('big', MODELS[1], decodeURIComponent(sampleId), 1).find((s) => s.scorer === 'human');
  assert.equal(human?.outcome, 'correct');
  await shot(page, 'viewer-side-by-side', t);
  await page.locator('#blind').check();
  assert.deepEqual(await page.locator('.answer h2').evaluateAll((hs) => hs.map((h) => h.firstChild!.textContent)), ['model 1', 'model 2']);
  assert.deepEqual(browser.problems, []);
});
