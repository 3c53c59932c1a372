import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../core/errors.js';
import { NO_JUDGES } from '../../scoring/panel.js';
import { hallucinationRuleScorer } from './grading/rule-scorer.js';
import { loadHallucinationSuite } from './index.js';
import { loadItems } from './items.js';

const { items } = loadItems();
const count = (kind: string) => items.filter((i) => i.kind === kind).length;

test('the suite has at least 200 answerable, 100 invented-entity and 50 false-premise items with unique ids', () => {
  assert.ok(count('answerable') >= 200, `answerable ${count('answerable')}`);
  assert.ok(count('nonexistent') >= 100, `nonexistent ${count('nonexistent')}`);
  assert.ok(count('false_premise') >= 50, `false_premise ${count('false_premise')}`);
  assert.equal(new Set(items.map((i) => i.id)).size, items.length);
  for (const cat of ['history', 'science', 'geography', 'music', 'sport', 'people']) {
    assert.ok(items.some((i) => i.kind === 'answerable' && i.category === cat), cat);
  }
});

test('every answerable item carries aliases, every false premise a correction', () => {
  for (const i of items) {
    if (i.kind === 'answerable') assert.ok(i.answers.length > 0 && i.answers.every((a) => a.trim()), i.id);
    if (i.kind === 'false_premise') assert.ok(i.correction && i.correction.length > 10, i.id);
    if (i.kind === 'nonexistent') assert.deepEqual(i.answers, [], i.id);
  }
});

test('the rule grader marks the canonical answer correct and a bare "I don\'t know" abstained on every answerable item', async () => {
  const suite = loadHallucinationSuite({ judged: false, category: ['answerable'] });
  for (const sample of suite.samples) {
    const transcript = (output: string) => ({ messages: [], generations: [], output });
    const right = await hallucinationRuleScorer.score(sample, transcript(`I believe it is ${sample.target[0]}.`), NO_JUDGES);
    assert.equal(right.outcome, 'correct', `${sample.id}: ${sample.target[0]}`);
    const idk = await hallucinationRuleScorer.score(sample, transcript("I don't know."), NO_JUDGES);
    assert.equal(idk.outcome, 'abstained', sample.id);
  }
});

test('the confidence target adds the penalty instruction and changes the suite version', () => {
  const plain = loadHallucinationSuite({ judged: false, limit: 3 });
  const strict = loadHallucinationSuite({ judged: false, limit: 3, confidenceTarget: 0.75 });
  assert.notEqual(plain.version, strict.version);
  const text = strict.samples[0].input[0].content;
  assert.match(text, /more than 75% confident/);
  assert.match(text, /penalised 3 points/);
  assert.ok(text.endsWith(String(strict.samples[0].metadata.question)));
  assert.equal(plain.samples[0].input[0].content, plain.samples[0].metadata.question);
});

test('a judge adds the model grader before the rule grader', () => {
  assert.deepEqual(loadHallucinationSuite({ judged: true, limit: 1 }).scorers.map((s) => s.name), ['model-grader', 'rule']);
  assert.deepEqual(loadHallucinationSuite({ judged: false, limit: 1 }).scorers.map((s) => s.name), ['rule']);
});

test('bad options are usage errors', () => {
  assert.throws(() => loadHallucinationSuite({ judged: false, confidenceTarget: 1 }), UsageError);
  assert.throws(() => loadHallucinationSuite({ judged: false, category: ['astrology'] }), /no hallucination samples match/);
});
