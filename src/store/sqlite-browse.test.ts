import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from './sqlite-store.js';
import type { SampleFilter, SamplePageQuery } from './browse-records.js';
import { SYNTHETIC_CATEGORIES, syntheticOutcome, syntheticSampleId, writeSyntheticRun } from './testing/synthetic-run.js';

const LABELS = ['correct', 'incorrect', 'abstained'];
const N = 700;
const MODELS = ['scripted:model-a', 'scripted:model-b'];

const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'cc-browse-')), 'x.db'));
await writeSyntheticRun(store, { runId: 'r1', samples: N, models: MODELS, labels: LABELS });
const base: SamplePageQuery = { primaryScorer: 'panel', groupKeys: ['category', 'risk'], limit: 50 };

/** Every (sample, epoch) key the filter lets through, paging forward to the end. */
function pageThrough(filter: SampleFilter, limit = 50): string[] {
  const ids: string[] = [];
  let after: SamplePageQuery['after'];
  for (let guard = 0; guard < 1000; guard++) {
    const page = store.samplePage('r1', { ...base, ...filter, limit, after });
    ids.push(...page.rows.map((r) => r.sampleId));
    if (!page.hasNext) return ids;
    after = page.rows.at(-1)!;
  }
  throw new Error('paging did not end');
}

/** The sample indexes a predicate on (index, model index) selects, as ids in order. */
function expected(pred: (i: number) => boolean): string[] {
  return Array.from({ length: N }, (_, i) => i).filter(pred).map(syntheticSampleId);
}

test('paging forward past many pages visits every sample once, in order, with every model in each row', () => {
  const first = store.samplePage('r1', base);
  assert.equal(first.rows.length, 50);
  assert.equal(first.hasPrev, false);
  assert.equal(first.hasNext, true);
  assert.deepEqual(first.rows[0].cells.map((c) => c.model), MODELS);
  assert.deepEqual(first.rows[0].groups, { category: 'history', risk: '0' });
  const all = pageThrough({}, 64);
  assert.deepEqual(all, expected(() => true));
  assert.equal(store.countSamples('r1', base), N);
});

test('paging back from the end returns the same pages', () => {
  const forward: string[][] = [];
  let after: SamplePageQuery['after'];
  for (;;) {
    const page = store.samplePage('r1', { ...base, limit: 100, after });
    forward.push(page.rows.map((r) => r.sampleId));
    if (!page.hasNext) break;
    after = page.rows.at(-1)!;
  }
  const last = forward.length - 1;
  let before = { sampleId: forward[last][0], epoch: 1 };
  for (let p = last - 1; p >= 0; p--) {
    const page = store.samplePage('r1', { ...base, limit: 100, before });
    assert.deepEqual(page.rows.map((r) => r.sampleId), forward[p]);
    assert.equal(page.hasPrev, p > 0);
    assert.equal(page.hasNext, true);
    before = page.rows[0];
  }
});

test('filters: a model\'s outcome, a group value, judge disagreement, failures; counts agree with paging', () => {
  const cases: [SampleFilter, (i: number) => boolean][] = [
    [{ model: MODELS[1], outcome: 'incorrect' }, (i) => syntheticOutcome(i, 1, LABELS).verdict === 'incorrect'],
    [{ outcome: 'abstained' }, (i) => [0, 1].some((m) => !syntheticOutcome(i, m, LABELS).failed && syntheticOutcome(i, m, LABELS).verdict === 'abstained')],
    [{ groups: { category: 'science' } }, (i) => SYNTHETIC_CATEGORIES[i % 5] === 'science'],
    [{ groups: { category: 'science', risk: '1' } }, (i) => i % 5 === 1 && i % 4 === 1],
    [{ disagree: true }, (i) => syntheticOutcome(i, 1, LABELS).split],
    [{ outcome: 'unscored', model: MODELS[0] }, (i) => syntheticOutcome(i, 0, LABELS).split && !syntheticOutcome(i, 0, LABELS).failed],
    [{ outcome: 'error' }, (i) => syntheticOutcome(i, 0, LABELS).failed],
  ];
  for (const [filter, pred] of cases) {
    const want = expected(pred);
    assert.ok(want.length > 0, JSON.stringify(filter));
    assert.deepEqual(pageThrough(filter, 37), want, JSON.stringify(filter));
    assert.equal(store.countSamples('r1', { ...filter, primaryScorer: 'panel' }), want.length, JSON.stringify(filter));
  }
});

test('a human label replaces the graders\' outcome in rows and in the outcome filter', () => {
  const id = syntheticSampleId(0);
  const before = store.samplePage('r1', { ...base, model: MODELS[0], outcome: 'correct', limit: 1 }).rows[0];
  assert.equal(before.sampleId, id);
  store.setHumanLabel('r1', MODELS[0], id, 1, 'incorrect', 0, 'human review');
  const row = store.samplePage('r1', { ...base, limit: 1 }).rows[0];
  assert.deepEqual({ outcome: row.cells[0].outcome, human: row.cells[0].human }, { outcome: 'incorrect', human: true });
  assert.notEqual(store.samplePage('r1', { ...base, model: MODELS[0], outcome: 'correct', limit: 1 }).rows[0].sampleId, id);
  assert.equal(store.samplePage('r1', { ...base, model: MODELS[0], outcome: 'incorrect', limit: 1 }).rows[0].sampleId, id);
});

test('a failed sample shows its error in its row', () => {
  const failed = Array.from({ length: N }, (_, i) => i).find((i) => syntheticOutcome(i, 0, LABELS).failed)!;
  const row = store.samplePage('r1', { ...base, outcome: 'error', limit: 1 }).rows[0];
  assert.equal(row.sampleId, syntheticSampleId(failed));
  assert.deepEqual(row.cells.map((c) => [c.status, c.outcome]), [['error', null], ['done', syntheticOutcome(failed, 1, LABELS).verdict]]);
  assert.match(row.cells[0].preview, /HTTP 500/);
});

test('sample records: every model\'s answer with its whole transcript, scores (judges\' parts too) and calls; paged past the page size', () => {
  const [a, b] = [...store.sampleRecords('r1', { sampleId: syntheticSampleId(3), epoch: 1 })];
  assert.deepEqual([a.model, b.model], MODELS);
  assert.deepEqual(a.messages!.map((m) => m.by), ['suite', 'suite', 'target', 'user', 'target']);
  assert.deepEqual(a.scores.map((s) => s.scorer), ['panel', 'panel/judge-a', 'panel/judge-b', 'rule']);
  assert.equal(a.scores[0].outcome, 'unscored', 'item 3: the judges split');
  assert.equal(a.scores[1].promptVersion, 'grader/v1');
  assert.deepEqual(a.generations.map((g) => g.role), ['target', 'user', 'target']);
  const ofModel = [...store.sampleRecords('r1', { model: MODELS[1] })];
  assert.equal(ofModel.length, N);
  assert.deepEqual(ofModel.map((r) => r.sampleId), expected(() => true));
  assert.equal([...store.sampleRecords('r1')].length, 2 * N);
});

test('group values: every value a key takes, numbers as text; a bad key is refused', () => {
  const [category, risk] = store.groupValues('r1', ['category', 'risk']);
  assert.deepEqual(category.values, [...SYNTHETIC_CATEGORIES].sort());
  assert.deepEqual(risk.values, ['0', '1', '2', '3']);
  assert.throws(() => store.groupValues('r1', ['x") OR 1=1 --']), /grouping key/);
});
