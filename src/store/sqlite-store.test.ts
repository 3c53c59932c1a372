import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
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

test('outcome counts group by model, scorer, kind and outcome; agreement compares two scorers', async () => {
  const store = tempStore();
  store.createRun({ id: 'r1', suite: 'hallucination', suiteVersion: 'v1', config: {} });
  await store.saveSample(sample('s1', { scores: [{ scorer: 'rule', outcome: 'correct' }, { scorer: 'model-grader', outcome: 'correct', promptVersion: 'g/v1' }] }));
  await store.saveSample(sample('s2', { scores: [{ scorer: 'rule', outcome: 'incorrect' }, { scorer: 'model-grader', outcome: 'correct', promptVersion: 'g/v1' }] }));
  await store.saveSample(sample('s3', { metadata: { kind: 'nonexistent' }, scores: [{ scorer: 'rule', outcome: 'correct' }, { scorer: 'model-grader', outcome: 'unscored', unscoredReason: 'no label' }] }));
  const find = (scorer: string, kind: string, outcome: string) =>
    store.effectiveOutcomeCounts('r1', scorer).find((c) => c.kind === kind && c.outcome === outcome)?.n;
  assert.equal(find('rule', 'answerable', 'correct'), 1);
  assert.equal(find('rule', 'answerable', 'incorrect'), 1);
  assert.equal(find('model-grader', 'answerable', 'correct'), 2);
  assert.equal(find('model-grader', 'nonexistent', 'unscored'), 1);
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
