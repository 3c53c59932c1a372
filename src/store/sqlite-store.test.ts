import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Generation } from '../core/generation.js';
import { UsageError } from '../core/errors.js';
import { SqliteStore, sampleKey } from './sqlite-store.js';
import type { SampleResult } from './records.js';

const gen = (text: string, returnedModel = 'm-2025'): Generation => ({
  text, refusal: null, stopReason: 'stop', usage: { inputTokens: 10, outputTokens: 3 }, latencyMs: 5,
  returnedModel, request: { model: 'm', temperature: 0 },
});

function sample(id: string, over: Partial<SampleResult> = {}): SampleResult {
  return {
    runId: 'r1', model: 'openai:m', sampleId: id, epoch: 1, status: 'done', category: 'history',
    metadata: { kind: 'answerable', category: 'history' }, output: 'Paris',
    generations: [{ role: 'target', modelRef: 'openai:m', messages: [{ role: 'user', content: 'q' }], generation: gen('Paris') }],
    scores: [{ scorer: 'rule', outcome: 'correct', value: 1 }],
    ...over,
  };
}

function tempStore(): SqliteStore {
  return new SqliteStore(join(mkdtempSync(join(tmpdir(), 'cc-store-')), 'sub', 'x.db'));
}

test('a saved run survives reopening, and migrations do not run twice', async () => {
  const store = tempStore();
  store.createRun({ id: 'r1', suite: 'hallucination', suiteVersion: 'v1', config: { a: 1 } });
  await store.saveSample(sample('s1'));
  store.close();
  const again = new SqliteStore(store.path);
  assert.deepEqual(again.getRun('r1')?.config, { a: 1 });
  assert.equal(again.getRun('r1')?.status, 'running');
  assert.deepEqual([...again.doneKeys('r1')], [sampleKey('openai:m', 's1', 1)]);
  again.close();
});

test('a failed sample is not done, and a later success replaces it with no leftover rows', async () => {
  const store = tempStore();
  store.createRun({ id: 'r1', suite: 'hallucination', suiteVersion: 'v1', config: {} });
  await store.saveSample(sample('s1', { status: 'error', error: 'HTTP 500', scores: [] }));
  assert.equal(store.doneKeys('r1').size, 0);
  assert.deepEqual(store.errors('r1').map((e) => e.error), ['HTTP 500']);
  await store.saveSample(sample('s1'));
  assert.equal(store.doneKeys('r1').size, 1);
  assert.equal(store.errors('r1').length, 0);
  assert.equal(store.usage('r1')[0].calls, 1, 'the failed attempt left its generation behind');
});

test('metric rows: the primary outcome (a human label wins), every asked scorer, grouping keys; agreement compares two scorers', async () => {
  const store = tempStore();
  store.createRun({ id: 'r1', suite: 'hallucination', suiteVersion: 'v1', config: {} });
  await store.saveSample(sample('s1', { scores: [{ scorer: 'rule', outcome: 'correct' }, { scorer: 'model-grader', outcome: 'correct', promptVersion: 'g/v1' }] }));
  await store.saveSample(sample('s2', { scores: [{ scorer: 'rule', outcome: 'incorrect' }, { scorer: 'model-grader', outcome: 'correct', promptVersion: 'g/v1', details: { turn1: 'validates' } }] }));
  await store.saveSample(sample('s3', { metadata: { kind: 'nonexistent', risk: 3 }, scores: [{ scorer: 'rule', outcome: 'correct' }, { scorer: 'model-grader', outcome: 'unscored', unscoredReason: 'no label' }] }));
  await store.saveSample(sample('s4', { scores: [{ scorer: 'rule', outcome: 'abstained' }] }));
  await store.saveSample(sample('s5', { status: 'error', error: 'HTTP 500', scores: [] }));
  store.setHumanLabel('r1', 'openai:m', 's1', 1, 'incorrect', 0, 'human review');
  const rows = [...store.metricRows('r1', { primaryScorer: 'model-grader', scorers: ['rule'], groups: ['kind', 'risk'] })];
  assert.deepEqual(rows.map((r) => [r.sampleId, r.outcome, r.human]), [['s1', 'incorrect', true], ['s2', 'correct', false], ['s3', 'unscored', false]],
    's4 has no primary score and s5 failed: neither is a metric row');
  assert.deepEqual(rows.map((r) => r.groups), [{ kind: 'answerable', risk: null }, { kind: 'answerable', risk: null }, { kind: 'nonexistent', risk: '3' }]);
  assert.equal(rows[0].scores.rule.outcome, 'correct', 'the other scorers keep their own outcome');
  assert.equal(rows[0].scores['model-grader'].outcome, 'correct', 'the primary scorer keeps its own outcome under the human label');
  assert.deepEqual(rows[1].scores['model-grader'].details, { turn1: 'validates' });
  assert.throws(() => [...store.metricRows('r1', { primaryScorer: 'rule', scorers: [], groups: ["kind') --"] })], /grouping key/);
  assert.deepEqual(store.scorerAgreement('r1', 'model-grader', 'rule'), [{ model: 'openai:m', n: 2, agree: 1 }]);
  assert.deepEqual(store.promptVersions('r1'), ['g/v1']);
});

test('usage sums tokens and lists every model id the server returned', async () => {
  const store = tempStore();
  store.createRun({ id: 'r1', suite: 'hallucination', suiteVersion: 'v1', config: {} });
  await store.saveSample(sample('s1'));
  const second = sample('s2');
  second.generations[0].generation = gen('x', 'm-2026');
  await store.saveSample(second);
  const [u] = store.usage('r1');
  assert.equal(u.inputTokens, 20);
  assert.deepEqual(u.returnedModels.sort(), ['m-2025', 'm-2026']);
});

test('the response cache round-trips a generation', async () => {
  const store = tempStore();
  assert.equal(store.cache.get('k'), undefined);
  store.cache.set('k', gen('cached text'));
  assert.equal(store.cache.get('k')?.text, 'cached text');
});

test('an unusable store path is a one-line usage error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-store-'));
  const file = join(dir, 'not-a-dir');
  writeFileSync(file, 'x');
  assert.throws(() => new SqliteStore(join(file, 'x.db')), (err: unknown) => err instanceof UsageError && !err.message.includes('\n'));
});

test('stored transcripts come a page at a time, so a caller can save samples while reading (rescore)', async () => {
  const store = tempStore();
  store.createRun({ id: 'src', suite: 'hallucination', suiteVersion: 'v1', config: {} });
  store.createRun({ id: 'dst', suite: 'hallucination', suiteVersion: 'v1', config: {} });
  const n = 450; // more than two pages
  for (let i = 0; i < n; i++) {
    await store.saveSample(sample(`s${String(i).padStart(4, '0')}`, { runId: 'src', messages: [{ role: 'user', content: `q${i}`, by: 'suite' }, { role: 'assistant', content: 'Paris', by: 'target' }] }));
  }
  let seen = 0;
  for (const t of store.storedTranscripts('src', 'openai:m')) {
    assert.equal(t.messages?.[1].by, 'target');
    assert.equal(t.generations.length, 1);
    await store.saveSample(sample(t.sampleId, { runId: 'dst' }));
    seen++;
  }
  assert.equal(seen, n);
  assert.equal(store.doneKeys('dst').size, n);
});

test('a store written by schema version 2 opens, migrates, and its runs still report', async () => {
  const { default: Database } = await import('better-sqlite3');
  const { readFileSync } = await import('node:fs');
  const { packageRoot } = await import('../core/package-root.js');
  const path = join(mkdtempSync(join(tmpdir(), 'cc-v2-')), 'v2.db');
  const db = new Database(path);
  db.exec(readFileSync(join(packageRoot(), 'src', 'store', 'testing', 'schema-v2-run.sql'), 'utf8'));
  db.pragma('user_version = 2');
  db.close();
  const store = new SqliteStore(path);
  const [run] = store.listRuns();
  assert.equal(run.id, '20261207-132046-go17');
  const rows = [...store.metricRows(run.id, { primaryScorer: 'model-grader', scorers: ['rule'], groups: ['kind'] })];
  assert.equal(rows.length, 59, 'every done sample of both models');
  assert.ok(rows.every((r) => r.scores.rule !== undefined && r.groups.kind !== null));
  const transcripts = [...store.storedTranscripts(run.id, 'lab-a')];
  assert.equal(transcripts.length, 30);
  assert.equal(transcripts[0].messages, null, 'older stores kept no whole transcript');
  store.close();
});

test('sampleResults gives every sample back as saved (gateway evidence, judges\' rows, human labels), in first-saved order; saved again elsewhere they read the same', async () => {
  const store = tempStore();
  store.createRun({ id: 'r1', suite: 'hallucination', suiteVersion: 'v1', config: { a: 1 } });
  const evidence = { url: 'http://gw', verifierKey: null, requestId: 'q1', stream: true, requestReceipt: '3:' + 'a'.repeat(64), responseReceipt: null, requestBody: 'eA==', responseBody: 'eQ==' };
  const withGateway = sample('s2');
  withGateway.generations[0].generation = { ...gen('Paris'), gateway: evidence, usage: { inputTokens: 10, outputTokens: 3, reasoningTokens: 2 } };
  withGateway.generations.push({ role: 'judge', modelRef: 'scripted:j', messages: [{ role: 'user', content: 'grade' }], generation: gen('A') });
  withGateway.scores = [{ scorer: 'panel', outcome: 'correct', value: 1, details: { x: 1 }, parts: [{ scorer: 'panel/j', outcome: 'correct', judge: 'scripted:j', judgeReply: 'A', promptVersion: 'g/v1', redactions: ['I am Claude'] }] }];
  await store.saveSample(withGateway); // saved first, though its id sorts last
  await store.saveSample(sample('s1', { messages: [{ role: 'assistant', content: 'Paris', by: 'target' }] }));
  await store.saveSample(sample('s3', { status: 'error', error: 'HTTP 500', generations: [], scores: [], output: undefined }));
  store.setHumanLabel('r1', 'openai:m', 's1', 1, 'incorrect', 0, 'looked');
  const results = [...store.sampleResults('r1')];
  assert.deepEqual(results.map((r) => r.sampleId), ['s2', 's1', 's3']);
  assert.deepEqual(results[0].generations[0].generation.gateway, evidence);
  assert.equal(results[0].generations[0].generation.usage.reasoningTokens, 2);
  assert.deepEqual(results[0].generations.map((g) => g.role), ['target', 'judge']);
  assert.deepEqual(results[0].scores.map((s) => s.scorer), ['panel', 'panel/j'], 'each judge\'s row is a row of its own');
  assert.deepEqual(results[0].scores[1].redactions, ['I am Claude']);
  assert.equal(results[0].scores[1].promptVersion, 'g/v1');
  assert.deepEqual(results[1].scores.map((s) => [s.scorer, s.outcome]), [['rule', 'correct'], ['human', 'incorrect']]);
  assert.equal(results[2].error, 'HTTP 500');
  assert.equal(results[2].output, undefined);

  const copy = tempStore();
  const run = store.requireRun('r1');
  copy.importRun({ ...run, status: 'finished', finishedAt: '2026-01-02T00:00:00.000Z' });
  assert.deepEqual(copy.getRun('r1'), { ...run, status: 'finished', finishedAt: '2026-01-02T00:00:00.000Z' }, 'the record as it was: id, times, status');
  for (const r of results) await copy.saveSample(r);
  assert.deepEqual([...copy.sampleResults('r1')], results);
  assert.deepEqual(copy.usage('r1'), store.usage('r1'));
  assert.deepEqual(copy.partScores('r1', 'panel'), store.partScores('r1', 'panel'));
  assert.equal(copy.redactedCount('r1'), 1);
});

test('a run records its owner and a heartbeat; stopping keeps the reason; failures are counted by kind, older rows by their message', async () => {
  const store = tempStore();
  store.createRun({ id: 'r1', suite: 'hallucination', suiteVersion: 'v1', config: {} });
  const created = store.getRun('r1')!;
  assert.equal(created.status, 'running');
  assert.equal(created.owner?.pid, process.pid);
  store.setExpectedSamples('r1', { 'openai:m': 5 });
  store.setRunStatus('r1', 'stopped', 'interrupted (SIGINT)');
  assert.deepEqual({ ...store.getRun('r1')!, config: undefined, createdAt: undefined, finishedAt: undefined, owner: undefined }, {
    id: 'r1', suite: 'hallucination', suiteVersion: 'v1', status: 'stopped', stopReason: 'interrupted (SIGINT)', expectedSamples: { 'openai:m': 5 },
    config: undefined, createdAt: undefined, finishedAt: undefined, owner: undefined,
  });
  store.setRunStatus('r1', 'running');
  assert.equal(store.getRun('r1')!.stopReason, null, 'running again clears the reason');

  await store.saveSample(sample('s1', { status: 'error', error: 'openai:m: HTTP 500: boom', errorKind: 'HTTP 500', scores: [] }));
  await store.saveSample(sample('s2', { status: 'error', error: 'openai:m: HTTP 500: other words', errorKind: 'HTTP 500', scores: [] }));
  await store.saveSample(sample('s3', { status: 'error', error: 'openai:m: connection failed (ECONNREFUSED)', scores: [] }));
  await store.saveSample(sample('s4', { status: 'error', error: 'something else', scores: [] }));
  assert.deepEqual(store.failureKinds('r1'), [
    { model: 'openai:m', kind: 'HTTP 500', n: 2 }, { model: 'openai:m', kind: 'ECONNREFUSED', n: 1 }, { model: 'openai:m', kind: 'other', n: 1 },
  ]);
  store.close();
});

test('a command that only reads never creates a store: a missing path is a one-line usage error', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'cc-store-')), 'typo.db');
  assert.throws(() => new SqliteStore(path, { mustExist: true }), (e: unknown) => e instanceof UsageError && /^no store at .*typo\.db: check --store/.test(e.message));
  assert.equal(existsSync(path), false);
});
