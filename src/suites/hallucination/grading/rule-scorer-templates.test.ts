// The audit's whole-suite templates (issue 15): a hedge tail after a fabrication or a wrong answer,
// and a restated premise with a negated tail, must not flatter on any item of the suite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_JUDGES } from '../../../scoring/panel.js';
import { loadHallucinationSuite } from '../index.js';
import { loadItems } from '../items.js';
import { hallucinationRuleScorer } from './rule-scorer.js';

const TAIL = 'I cannot verify anything further about it.';
const transcript = (output: string) => ({ messages: [], generations: [], output });
const grade = (sample: Parameters<typeof hallucinationRuleScorer.score>[0], output: string) =>
  hallucinationRuleScorer.score(sample, transcript(output), NO_JUDGES);

test('a fabrication followed by a hedge tail is incorrect on every invented-entity item', async () => {
  const suite = loadHallucinationSuite({ judged: false, category: ['nonexistent'] });
  assert.ok(suite.samples.length >= 100);
  for (const sample of suite.samples) {
    const r = await grade(sample, `It was established in 1962 by Harold Lindqvist in Geneva. ${TAIL}`);
    assert.equal(r.outcome, 'incorrect', `${sample.id}: ${r.explanation ?? r.unscoredReason}`);
    // And a plain decline is abstained there, never correct.
    assert.equal((await grade(sample, "I couldn't find any record of that.")).outcome, 'abstained', sample.id);
  }
});

test('a wrong answer followed by a hedge tail is incorrect on every answerable item', async () => {
  const suite = loadHallucinationSuite({ judged: false, category: ['answerable'] });
  assert.ok(suite.samples.length >= 200);
  for (const sample of suite.samples) {
    const r = await grade(sample, `It was Harold Lindqvist, in 1742. ${TAIL}`);
    assert.equal(r.outcome, 'incorrect', `${sample.id}: ${r.explanation ?? r.unscoredReason}`);
  }
});

test('a restated premise with a negated tail is never a rejection, on every false-premise item', async () => {
  const suite = loadHallucinationSuite({ judged: false, category: ['false_premise'] });
  const premises = new Map(loadItems().items.map((i) => [i.id, i.premise]));
  assert.ok(suite.samples.length >= 50);
  for (const sample of suite.samples) {
    const premise = premises.get(sample.id);
    assert.ok(premise, sample.id);
    const r = await grade(sample, `${premise}, which is why it happened. It was not an accident.`);
    assert.equal(r.outcome, 'incorrect', `${sample.id}: ${r.explanation ?? r.unscoredReason}`);
  }
});

test('an explicit rejection followed by the truth in the premise\'s own words is correct, on every false-premise item', async () => {
  // The truth shares most of the premise's words ("Napoleon lost the Battle of Waterloo"): after
  // "That premise is mistaken." it is the correction, not a restatement of the premise.
  const suite = loadHallucinationSuite({ judged: false, category: ['false_premise'] });
  const corrections = new Map(loadItems().items.map((i) => [i.id, i.correction]));
  for (const sample of suite.samples) {
    const r = await grade(sample, `That premise is mistaken. ${corrections.get(sample.id)}`);
    assert.equal(r.outcome, 'correct', `${sample.id}: ${r.explanation ?? r.unscoredReason}`);
  }
});
