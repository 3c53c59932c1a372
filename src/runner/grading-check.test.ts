import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SampleResult } from '../store/records.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { checkGrading, describeGradingFailures } from './grading-check.js';

const sample = (model: string, i: number, scores: SampleResult['scores'], status: SampleResult['status'] = 'done'): SampleResult => ({
  runId: 'r', model, sampleId: `s${i}`, epoch: 1, status, metadata: {}, output: 'x', generations: [], scores,
});
const judgeFailed = (reply: string): SampleResult['scores'] => [{
  scorer: 'grader', outcome: 'unscored', unscoredReason: 'only 0 of 1 judges gave a parseable grade (need 1)',
  parts: [{ scorer: 'grader/echo', outcome: 'unscored', unscoredReason: `grader reply had no label: "${reply}"` }],
}];

test('a model whose primary scorer graded less than the threshold share fails the check, its reasons counted by kind', async () => {
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'cc-grading-')), 'cc.db'));
  store.createRun({ id: 'r', suite: 's', suiteVersion: 'v', config: {} });
  // 300 samples (more than any page): model a graded on 1 in 3, model b on all; replies differ, kinds do not.
  for (let i = 0; i < 300; i++) {
    await store.saveSample(sample('a', i, i % 3 === 0 ? [{ scorer: 'grader', outcome: 'correct' }] : judgeFailed(`reply number ${i}`)));
    await store.saveSample(sample('b', i, [{ scorer: 'grader', outcome: 'incorrect' }]));
  }
  await store.saveSample(sample('b', 999, [], 'error'));
  // A human label counts as graded.
  store.setHumanLabel('r', 'a', 's1', 1, 'correct', 1, 'human review');

  const check = checkGrading(store, 'r', { name: 'grader', title: 'model grader' }, 0.5);
  assert.deepEqual(check.models.map((m) => [m.model, m.done, m.graded]), [['a', 300, 101], ['b', 300, 300]]);
  assert.deepEqual(check.failing.map((m) => m.model), ['a']);
  assert.deepEqual(check.failing[0].reasons, [
    { model: 'a', judge: null, kind: 'only 0 of 1 judges gave a parseable grade (need 1)', n: 199 },
    { model: 'a', judge: 'echo', kind: 'grader reply had no label', n: 199 },
  ]);
  assert.deepEqual(describeGradingFailures(check), [
    'the model grader graded 101 of 300 samples of a (needs 50%): 199 × only 0 of 1 judges gave a parseable grade (need 1); judge echo: 199 × grader reply had no label',
  ]);
  assert.equal(checkGrading(store, 'r', { name: 'grader', title: 'model grader' }, 0.3).failing.length, 0, 'the threshold is the caller\'s');
  store.close();
});
