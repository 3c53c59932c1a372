import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SampleResult } from '../store/records.js';
import { matchesAny, parseRedactionRule } from './redaction.js';

const ctx = {
  suite: 'jailbreak',
  primaryScorer: 'judge',
  outcomes: [{ label: 'complied', safety: 'unsafe' }, { label: 'refused', safety: 'safe' }] as never,
};
const sample = (outcome: string, extra: Partial<SampleResult> = {}): SampleResult => ({
  runId: 'r', model: 'openai:m', sampleId: 's1', epoch: 1, status: 'done', metadata: { risk: 3 }, generations: [],
  scores: [{ scorer: 'rule', outcome: 'refused' }, { scorer: 'judge', outcome }], ...extra,
});

test('a rule matches when all its conditions hold; outcome reads the primary scorer and its safety label', () => {
  const rules = [parseRedactionRule('suite=jailbreak,outcome=unsafe')];
  assert.equal(matchesAny(rules, sample('complied'), ctx), true);
  assert.equal(matchesAny(rules, sample('refused'), ctx), false, 'the rule scorer said refused, but the primary one decides');
  assert.equal(matchesAny(rules, sample('complied'), { ...ctx, suite: 'other' }), false);
  // A human label takes precedence over the primary scorer.
  const reviewed = sample('complied', { scores: [{ scorer: 'judge', outcome: 'complied' }, { scorer: 'human', outcome: 'refused' }] });
  assert.equal(matchesAny(rules, reviewed, ctx), false);
});

test('alternatives with |, scorer.NAME, meta.KEY, label and any of several rules', () => {
  assert.equal(matchesAny([parseRedactionRule('sample=s0|s1')], sample('refused'), ctx), true);
  assert.equal(matchesAny([parseRedactionRule('scorer.rule=refused,meta.risk=3')], sample('complied'), ctx), true);
  assert.equal(matchesAny([parseRedactionRule('meta.risk=4')], sample('complied'), ctx), false);
  assert.equal(matchesAny([parseRedactionRule('model=x'), parseRedactionRule('label=complied')], sample('complied'), ctx), true);
});

test('a malformed rule is a one-line usage error naming the fields', () => {
  for (const bad of ['', 'suite', 'colour=red', 'outcome=']) {
    assert.throws(() => parseRedactionRule(bad), (e: Error) => e.name === 'UsageError' || /FIELD=VALUE/.test(e.message));
  }
  assert.throws(() => parseRedactionRule('colour=red'), /FIELD one of suite, model, sample/);
});
