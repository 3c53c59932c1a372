import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openAIChatCompletion, startFakeOpenAIServer } from '../models/testing/fake-openai-server.js';
import { runCli, startCli } from './testing/run-cli.js';
import { waitFor } from './testing/wait-for.js';

const TOTAL = 80;
const slow = await startFakeOpenAIServer({
  handler: () => ({ kind: 'json', body: openAIChatCompletion({ text: "I don't know.", model: 'slow-1' }), delayMs: 15 }),
});
const flaky = await startFakeOpenAIServer({ text: 'Paris.', model: 'flaky-1' });
after(() => Promise.all([slow.close(), flaky.close()]));

function count(store: string, sql: string): number {
  const db = new Database(store, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

test('after kill -9 mid-run, --resume finishes without repeating a finished sample or losing one', async () => {
  const store = join(mkdtempSync(join(tmpdir(), 'cc-resume-')), 'cc.db');
  const child = startCli(['eval', 'hallucination', '--model', `openai:slow@${slow.url}`, '--limit', String(TOTAL), '--concurrency', '2', '--store', store]);
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  await waitFor(() => {
    try {
      return count(store, `SELECT COUNT(*) AS n FROM samples WHERE status = 'done'`) >= 15;
    } catch {
      return false; // the store does not exist yet
    }
  });
  child.kill('SIGKILL');
  await new Promise((r) => child.on('close', r));
  const runId = /run (\S+)/.exec(stderr)?.[1];
  assert.ok(runId, stderr);

  const doneBefore = count(store, `SELECT COUNT(*) AS n FROM samples WHERE status = 'done'`);
  assert.ok(doneBefore < TOTAL, 'the run was killed before it finished');
  const requestsBefore = slow.requests.length;

  const resumed = await runCli(['eval', '--resume', runId, '--store', store]);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.equal(slow.requests.length - requestsBefore, TOTAL - doneBefore, 'the resumed process called only the unfinished samples');
  assert.equal(count(store, `SELECT COUNT(*) AS n FROM samples WHERE status = 'done'`), TOTAL);
  assert.equal(
    count(store, `SELECT COUNT(*) AS n FROM (SELECT sample_id FROM generations WHERE role = 'target' GROUP BY sample_id HAVING COUNT(*) != 1)`),
    0,
    'every sample has exactly one stored target generation',
  );
  assert.equal(count(store, `SELECT COUNT(*) AS n FROM runs WHERE status = 'finished'`), 1);
});

test('samples that fail after retries are kept as errors, the run exits 2, and resume retries only them', async () => {
  const store = join(mkdtempSync(join(tmpdir(), 'cc-resume-')), 'cc.db');
  const error = { kind: 'json', status: 500, body: { error: { message: 'upstream exploded', type: 'server_error' } } } as const;
  flaky.enqueue(error, error, error);
  const first = await runCli(['eval', 'hallucination', '--model', `openai:flaky@${flaky.url}`, '--limit', '10', '--concurrency', '1', '--max-retries', '0', '--store', store]);
  assert.equal(first.code, 2, first.stderr);
  assert.match(first.stderr, /3 samples failed/);
  assert.match(first.stdout, /run id: /, 'finished results are still reported');
  const runId = /run id: (\S+)/.exec(first.stdout)![1];
  assert.equal(count(store, `SELECT COUNT(*) AS n FROM samples WHERE status = 'error'`), 3);
  assert.equal(count(store, `SELECT COUNT(*) AS n FROM samples WHERE status = 'done'`), 7);

  const before = flaky.requests.length;
  const resumed = await runCli(['eval', '--resume', runId, '--store', store]);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.equal(flaky.requests.length - before, 3);
  assert.equal(count(store, `SELECT COUNT(*) AS n FROM samples WHERE status = 'done'`), 10);
});

test('429 with Retry-After and a 503 are retried by the scheduler and the run still finishes clean', async () => {
  const store = join(mkdtempSync(join(tmpdir(), 'cc-retry-')), 'cc.db');
  flaky.enqueue(
    { kind: 'json', status: 429, headers: { 'retry-after': '1' }, body: { error: { message: 'slow down', type: 'rate_limit' } } },
    { kind: 'json', status: 503, body: { error: { message: 'overloaded', type: 'server_error' } } },
  );
  const before = flaky.requests.length;
  const started = Date.now();
  const r = await runCli(['eval', 'hallucination', '--model', `openai:flaky@${flaky.url}`, '--limit', '4', '--concurrency', '1', '--store', store]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(flaky.requests.length - before, 6, 'four samples plus two retried attempts');
  assert.ok(Date.now() - started >= 1000, 'waited at least the Retry-After second');
  assert.match(r.stderr, /retries 2/);
  assert.equal(count(store, `SELECT COUNT(*) AS n FROM samples WHERE status = 'done'`), 4);
});
