import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../store/sqlite-store.js';
import { syntheticOutcome, syntheticSampleId, writeSyntheticRun } from '../store/testing/synthetic-run.js';
import { startViewer } from './server.js';

const N = 640;
const LABELS = ['correct', 'incorrect', 'abstained'];
const MODELS = ['scripted:model-a', 'scripted:model-b'];
const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'cc-viewer-')), 'x.db'));
await writeSyntheticRun(store, { runId: 'r1', samples: N, primary: 'model-grader', labels: LABELS, models: MODELS });
const viewer = await startViewer(store, 0);
after(async () => {
  await viewer.close();
  store.close();
});

async function get(path: string): Promise<any> {
  const res = await fetch(`${viewer.url}${path}`);
  assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
  return res.json();
}

/** A raw request, for headers fetch will not let a caller set (Host). */
function raw(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${viewer.url}${path}`, { method, headers }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('runs, a run\'s declaration, and its samples a page at a time past many pages, filtered on the server', async () => {
  const { runs, suites } = await get('/api/runs');
  assert.deepEqual(suites, ['hallucination']);
  assert.equal(runs[0].id, 'r1');
  const run = await get('/api/runs/r1');
  assert.equal(run.primaryScorer, 'model-grader');
  assert.deepEqual(run.groups.map((g: any) => g.key), ['kind']);
  assert.deepEqual(run.groups[0].values, ['answerable', 'nonexistent']);

  const seen: string[] = [];
  let path = '/api/runs/r1/samples?model=scripted%3Amodel-b&outcome=incorrect&g.kind=answerable&limit=25';
  for (;;) {
    const page = await get(path);
    assert.ok(page.rows.length <= 25);
    seen.push(...page.rows.map((r: any) => r.sampleId));
    for (const r of page.rows) assert.equal(r.cells.find((c: any) => c.model === MODELS[1]).outcome, 'incorrect');
    if (!page.hasNext) break;
    const last = page.rows.at(-1);
    path = `/api/runs/r1/samples?model=scripted%3Amodel-b&outcome=incorrect&g.kind=answerable&limit=25&after=${last.sampleId}&afterEpoch=${last.epoch}`;
  }
  const want = Array.from({ length: N }, (_, i) => i).filter((i) => i % 2 === 1 && syntheticOutcome(i, 1, LABELS).verdict === 'incorrect').map(syntheticSampleId);
  assert.deepEqual(seen, want);
  assert.ok(want.length > 25 * 3);
  assert.deepEqual(await get('/api/runs/r1/count?model=scripted%3Amodel-b&outcome=incorrect&g.kind=answerable'), { total: want.length });
  const split = await get('/api/runs/r1/count?disagree=1');
  assert.equal(split.total, Array.from({ length: N }, (_, i) => i).filter((i) => syntheticOutcome(i, 0, LABELS).split).length);
});

test('one sample from every model, with every turn, grade and call; a human label from the viewer is stored as review stores it', async () => {
  const id = syntheticSampleId(10);
  const data = await get(`/api/runs/r1/samples/${id}/1`);
  assert.deepEqual(data.answers.map((a: any) => a.model), MODELS);
  assert.deepEqual(data.answers[0].messages.map((m: any) => m.by), ['suite', 'suite', 'target', 'user', 'target']);
  assert.deepEqual(data.answers[0].scores.map((s: any) => s.scorer), ['model-grader', 'model-grader/judge-a', 'model-grader/judge-b', 'rule']);
  assert.deepEqual(data.answers[0].calls.map((c: any) => c.role), ['target', 'user', 'target']);

  const label = await fetch(`${viewer.url}/api/runs/r1/samples/${id}/1/label`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ model: MODELS[1], outcome: 'abstained' }),
  });
  assert.equal(label.status, 200, await label.clone().text());
  const human = store.scoresForSample('r1', MODELS[1], id, 1).find((s) => s.scorer === 'human')!;
  assert.deepEqual([human.outcome, human.value], ['abstained', 0]);
  const again = await get(`/api/runs/r1/samples/${id}/1`);
  assert.deepEqual([again.answers[1].outcome, again.answers[1].human], ['abstained', true]);
  const counted = await get('/api/runs/r1/count?model=scripted%3Amodel-b&outcome=abstained');
  const before = Array.from({ length: N }, (_, i) => i).filter((i) => syntheticOutcome(i, 1, LABELS).verdict === 'abstained').length;
  assert.equal(counted.total, before + (syntheticOutcome(10, 1, LABELS).verdict === 'abstained' ? 0 : 1), 'counts follow the new label');
});

test('the guard: another Host, a cross-origin or non-JSON write is refused; bad queries are 400, unknown runs 404', async () => {
  assert.equal((await raw('GET', '/api/runs', { Host: 'attacker.example:80' })).status, 403);
  const body = JSON.stringify({ model: MODELS[0], outcome: 'correct' });
  const host = viewer.url.slice('http://'.length);
  const path = `/api/runs/r1/samples/${syntheticSampleId(1)}/1/label`;
  assert.equal((await raw('POST', path, { Host: host, 'Content-Type': 'application/json', Origin: 'http://attacker.example' }, body)).status, 403);
  assert.equal((await raw('POST', path, { Host: host, 'Content-Type': 'text/plain' }, body)).status, 415);
  assert.equal(store.scoresForSample('r1', MODELS[0], syntheticSampleId(1), 1).some((s) => s.scorer === 'human'), false, 'nothing stored');
  const bad = [
    ['/api/runs/r1/samples?model=nobody', 400, /no model "nobody"/],
    ['/api/runs/r1/samples?g.colour=red', 400, /no grouping key "colour"/],
    ['/api/runs/r1/samples?limit=5000', 400, /limit must be/],
    ['/api/runs/r1/samples?after=q1&before=q2', 400, /not both/],
    ['/api/runs/nope/samples', 404, /no run "nope"/],
    ['/api/runs/r1/samples/none/1', 404, /no sample "none"/],
  ] as const;
  for (const [p, status, message] of bad) {
    const res = await fetch(`${viewer.url}${p}`);
    assert.equal(res.status, status, p);
    assert.match((await res.json()).error, message);
  }
  const wrongLabel = await fetch(`${viewer.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ model: MODELS[0], outcome: 'great' }) });
  assert.equal(wrongLabel.status, 400);
});

test('the HTML report is served with links into the viewer, and the page is served with a strict policy', async () => {
  const report = await fetch(`${viewer.url}/runs/r1/report.html`);
  assert.equal(report.status, 200);
  const html = await report.text();
  assert.match(html, /href="\/#\/run\/r1\?model=scripted%3Amodel-a/);
  assert.doesNotMatch(html, /id="cc-samples-data"/);
  const page = await fetch(`${viewer.url}/`);
  assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);
  assert.equal(page.headers.get('x-frame-options'), 'DENY');
});

test('the served report is kept built until the store changes, then rebuilt with the change', async () => {
  const labelled = async () => {
    const html = await (await fetch(`${viewer.url}/runs/r1/report.html`)).text();
    return [...html.matchAll(/(\d+) samples carry a human label/g)].reduce((n, m) => n + Number(m[1]), 0);
  };
  const before = await labelled();
  assert.equal(await labelled(), before);
  const label = await fetch(`${viewer.url}/api/runs/r1/samples/${syntheticSampleId(20)}/1/label`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ model: MODELS[0], outcome: 'correct' }),
  });
  assert.equal(label.status, 200, await label.clone().text());
  assert.equal(await labelled(), before + 1, 'a new human label shows in the next report');
});
