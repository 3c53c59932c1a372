/**
 * Every suite in the registry (so a suite added later is covered too), run through the CLI on
 * scripted test doubles: `report --format html` draws each chart the suite declares with no
 * error, `export` writes Inspect logs the schema accepts plus JSONL and CSV, and the viewer
 * pages the run and opens a sample side by side with every turn. In Chromium (when present, and
 * always in CI) the page opens from file:// with no console error or request.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '../../cli/testing/run-cli.js';
import { SqliteStore } from '../../store/sqlite-store.js';
import { allSuites } from '../../suites/index.js';
import { startViewer } from '../../viewer/server.js';
import { evalLogErrors, isEvalLog } from '../export/inspect/testing/eval-log-schema.js';
import { chromiumMissing, launchChromium, type Browser } from '../testing/chromium.js';
import { SUITE_SCENARIOS } from '../testing/suite-scenarios.js';

const noBrowser = chromiumMissing();
let browser: Browser | undefined;
before(async () => { if (!noBrowser) browser = await launchChromium(); });
after(async () => { await browser?.close(); });

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Each chart figure on the page: its title and how many SVG marks it has. */
function figures(page: string): { title: string; marks: number }[] {
  return page.split('<figure class="chart"').slice(1).map((f) => {
    const body = f.slice(0, f.indexOf('</figure>'));
    return { title: unescape(/<strong>([\s\S]*?)<\/strong>/.exec(body)?.[1] ?? ''), marks: (body.match(/<(path|rect|line)\b/g) ?? []).length };
  });
}

async function cli(args: string[]): Promise<string> {
  const r = await runCli(args);
  assert.equal(r.code, 0, `crosscheck ${args.join(' ')}: ${r.stderr}`);
  // eval names its run on stderr; a report or an export has nothing to say there.
  if (args[0] !== 'eval') assert.equal(r.stderr, '', `crosscheck ${args[0]} wrote to stderr`);
  return r.stdout;
}

for (const plugin of allSuites()) {
  test(`${plugin.name}: the HTML report draws every declared chart; export and the viewer read the run`, async (t) => {
    const scenario = SUITE_SCENARIOS[plugin.name];
    assert.ok(scenario, `no scenario for suite "${plugin.name}": add one to src/report/testing/suite-scenarios.ts`);
    const dir = mkdtempSync(join(tmpdir(), `cc-every-suite-${plugin.name}-`));
    const store = join(dir, 'cc.db');
    const runId = /run id: (\S+)/.exec(await cli(['eval', ...scenario(dir), '--store', store, '--quiet']))![1];

    const page = await cli(['report', runId, '--format', 'html', '--store', store]);
    const drawn = figures(page);
    const declared = plugin.measures.charts ?? [];
    assert.ok(declared.length > 0 || drawn.some((f) => f.title === 'Outcomes'), 'a suite without charts still gets outcome bars');
    for (const decl of declared) {
      const fig = drawn.find((f) => f.title === decl.title);
      assert.ok(fig, `declared chart "${decl.title}" is on the page (drawn: ${drawn.map((f) => f.title).join(' | ')})`);
      assert.ok(fig.marks > 3, `declared chart "${decl.title}" has marks (${fig.marks})`);
    }
    const text = page.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ');
    assert.doesNotMatch(text, /\b(undefined|NaN%|\[object Object\])/, 'no value the page failed to format');

    const report = JSON.parse(await cli(['report', runId, '--format', 'json', '--store', store]));
    const models = report.models.length;
    for (const decl of declared) {
      if (decl.kind !== 'outcomes') continue;
      const graded = report.models.some((m: any) => {
        const counts = decl.group
          ? m.outcomeCounts.groups.find((g: any) => g.key === decl.group!.key)?.values.find((v: any) => v.value === decl.group!.value)?.counts ?? {}
          : m.outcomeCounts.all;
        return decl.labels.some((l) => (counts[l] ?? 0) > 0);
      });
      assert.ok(graded, `"${decl.title}": the run gives it graded outcomes, not only unscored ones`);
    }
    const inspectDir = join(dir, 'inspect');
    await cli(['export', runId, '--format', 'inspect', '--out', inspectDir, '--store', store]);
    const logs = readdirSync(inspectDir).filter((f) => f.endsWith('.json'));
    assert.equal(logs.length, models, 'one Inspect log per (suite, model)');
    for (const f of logs) {
      const log = JSON.parse(readFileSync(join(inspectDir, f), 'utf8'));
      assert.ok(isEvalLog(log), `${f}: ${evalLogErrors()}`);
      assert.ok(log.samples.length > 0 && log.samples.every((s: any) => s.messages.length > 0), `${f} carries its transcripts`);
    }
    for (const format of ['jsonl', 'csv']) {
      const out = join(dir, format);
      await cli(['export', runId, '--format', format, '--out', out, '--store', store]);
      const text = readdirSync(out).map((f) => readFileSync(join(out, f), 'utf8')).join('');
      assert.ok(text.trim().split('\n').length > models, `${format} has a line per sample`);
    }

    const db = new SqliteStore(store);
    const viewer = await startViewer(db, 0);
    try {
      const get = async (path: string) => {
        const res = await fetch(`${viewer.url}${path}`);
        assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
        return res.json() as Promise<any>;
      };
      const run = await get(`/api/runs/${runId}`);
      assert.deepEqual(run.groups.map((g: any) => g.key), plugin.measures.groups.map((g) => g.key));
      const first = await get(`/api/runs/${runId}/samples`);
      assert.ok(first.rows.length > 0);
      // One sample of the first page, side by side across every model.
      const row = first.rows[first.rows.length - 1];
      const sample = await get(`/api/runs/${runId}/samples/${encodeURIComponent(row.sampleId)}/${row.epoch}`);
      assert.equal(sample.answers.length, models);
      for (const a of sample.answers) assert.ok(a.messages.length > 0 && a.messages.every((m: any) => typeof m.by === 'string'), 'every turn says who said it');
      assert.equal((await fetch(`${viewer.url}/runs/${runId}/report.html`)).status, 200);
    } finally {
      await viewer.close();
      db.close();
    }

    if (!browser) return t.diagnostic(`not opened in a browser: ${noBrowser}`);
    const file = join(dir, 'report.html');
    writeFileSync(file, page);
    const tab = await browser.page();
    await tab.goto(pathToFileURL(file).href);
    const inPage = await tab.$$eval('figure.chart', (fs) => fs.map((f) => ({
      title: f.querySelector('figcaption strong')?.textContent ?? '',
      height: f.querySelector('svg')?.getBoundingClientRect().height ?? 0,
    })));
    for (const decl of declared) {
      const fig = inPage.find((f) => f.title === decl.title);
      assert.ok(fig && fig.height > 40, `"${decl.title}" is shown (${fig?.height ?? 0}px)`);
    }
    await tab.close();
    assert.deepEqual(browser.problems, []);
  });
}
