import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Generation } from '../../../core/generation.js';
import type { JudgeHandle } from '../../../core/suite.js';
import { calibrateJudges } from './calibration-grading.js';
import { parseLabelFile } from './calibration-labels.js';

/** A fake judge for tests: grades each response by a lookup table (a missing entry gives an unparseable reply). */
function fakeJudge(ref: string, grades: Record<string, string>): JudgeHandle & { prompts: string[] } {
  const prompts: string[] = [];
  return {
    ref, label: ref, lab: 'unknown', prompts,
    async generate(messages) {
      const prompt = messages[0].content;
      prompts.push(prompt);
      const response = /<response>\n([\s\S]*?)\n<\/response>/.exec(prompt)![1];
      const grade = grades[response];
      const g: Generation = {
        text: grade ? `Reasoning.\nGRADE: ${grade}` : 'hmm', refusal: null, stopReason: 'stop',
        usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 1, returnedModel: ref, request: {},
      };
      return g;
    },
  };
}

const items = parseLabelFile([
  { question: 'Capital of France?', response: 'Paris.', kind: 'answerable', answers: ['Paris'], label: 'correct' },
  { question: 'Capital of France?', response: 'Lyon.', kind: 'answerable', answers: ['Paris'], label: 'incorrect' },
  { question: 'Who founded the Veltran Institute?', response: 'No such institute.', kind: 'nonexistent', answers: [], label: 'abstained' },
  { question: 'Who founded the Veltran Institute?', response: 'Dunno.', kind: 'nonexistent', answers: [], label: 'abstained' },
].map((o) => JSON.stringify(o)).join('\n'), 'test');

test('each judge and the panel are measured against the human labels; a decline on an invented entity is abstained', async () => {
  const right = fakeJudge('fake:right', { 'Paris.': 'CORRECT', 'Lyon.': 'INCORRECT', 'No such institute.': 'NOT_ATTEMPTED', 'Dunno.': 'NOT_ATTEMPTED' });
  const lenient = fakeJudge('fake:lenient', { 'Paris.': 'CORRECT', 'Lyon.': 'CORRECT', 'No such institute.': 'CORRECT' });
  const r = await calibrateJudges(items, [right, lenient], 'majority');
  assert.equal(right.prompts.length, 4);
  assert.match(right.prompts[2], /This entity does not exist/);
  const [a, b] = r.judges;
  assert.equal(a.name, 'fake:right');
  assert.equal(a.stats.accuracy.p, 1);
  assert.deepEqual(a.stats.confusion, [[1, 0, 0], [0, 1, 0], [0, 0, 2]]);
  assert.equal(b.stats.unscored, 1);
  assert.equal(b.stats.accuracy.k, 2);
  assert.equal(b.stats.accuracy.n, 3);
  assert.deepEqual(b.stats.confusion, [[1, 0, 0], [1, 0, 0], [0, 0, 1]]);
  assert.deepEqual(b.unscoredReasons, [{ reason: 'grader reply had no label', n: 1 }]);
  // Two judges: a quorum of 2. "Lyon." splits 1–1 (no majority); "Dunno." has one grade (no quorum).
  assert.equal(r.panel.stats.unscored, 2);
  assert.deepEqual(r.panel.stats.confusion, [[1, 0, 0], [0, 0, 0], [0, 0, 1]]);
  assert.equal(r.promptVersion, 'simpleqa-grader/v1');
});

test('a unanimous panel leaves disagreements unscored', async () => {
  const right = fakeJudge('fake:right', { 'Paris.': 'CORRECT', 'Lyon.': 'INCORRECT', 'No such institute.': 'NOT_ATTEMPTED', 'Dunno.': 'NOT_ATTEMPTED' });
  const strict = fakeJudge('fake:strict', { 'Paris.': 'CORRECT', 'Lyon.': 'INCORRECT', 'No such institute.': 'INCORRECT', 'Dunno.': 'NOT_ATTEMPTED' });
  const r = await calibrateJudges(items, [right, strict], 'unanimous');
  assert.equal(r.panel.stats.unscored, 1);
  assert.equal(r.panel.stats.accuracy.k, 3);
  assert.equal(r.judges[1].stats.accuracy.k, 3);
  assert.deepEqual(r.judges[1].stats.confusion, [[1, 0, 0], [0, 1, 0], [0, 1, 1]]);
});
