import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Outcome } from '../core/outcome.js';
import { hallucinationMeasures } from '../suites/hallucination/measures.js';
import { compareModels, pairOutcomes, type EpochOutcome } from './compare.js';
import { renderCompareMarkdown } from './compare-markdown.js';

const H = hallucinationMeasures.compare;
const binaryOnly = { ...H, scores: [] };
const penalisedValue = (o: Outcome, t: number) => H.scores.find((s) => s.title === `penalised score, t = ${t}`)!.fromOutcome!(o);

const short: Record<string, Outcome> = { c: 'correct', i: 'incorrect', a: 'abstained', u: 'unscored' };

/** Pairs of outcomes "AB" (e.g. "ci": A correct, B incorrect), `times` samples each, one epoch. */
function pairs(spec: [string, number][]): { a: EpochOutcome[]; b: EpochOutcome[] } {
  const a: EpochOutcome[] = [];
  const b: EpochOutcome[] = [];
  let k = 0;
  for (const [ab, times] of spec) {
    for (let t = 0; t < times; t++, k++) {
      const sampleId = `s${String(k).padStart(3, '0')}`;
      a.push({ sampleId, epoch: 1, outcome: short[ab[0]] });
      b.push({ sampleId, epoch: 1, outcome: short[ab[1]] });
    }
  }
  return { a, b };
}

/** p-values come from log-space sums: equal to the exact value up to rounding. */
const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.max(1, expected) , `${actual} ≠ ${expected}`);

const byMetric = (c: ReturnType<typeof compareModels>, name: string) => c.metrics.find((m) => m.metric === name)!;

test('McNemar on each binary outcome, from known discordant counts, with Holm across them', () => {
  // correct: only A 10, only B 0; incorrect: only A 0, only B 13; abstained: only A 3, only B 0.
  const { a, b } = pairs([['ci', 10], ['ai', 3], ['cc', 5], ['ii', 2]]);
  const c = compareModels(a, b, binaryOnly);
  assert.equal(c.n, 20);
  const correct = byMetric(c, 'correct');
  assert.deepEqual(correct.discordant, { onlyA: 10, onlyB: 0 });
  assert.equal(correct.a, 15 / 20);
  assert.equal(correct.b, 5 / 20);
  close(correct.p, 2 * 0.5 ** 10);
  const incorrect = byMetric(c, 'hallucinated (incorrect)');
  assert.deepEqual(incorrect.discordant, { onlyA: 0, onlyB: 13 });
  assert.ok(Math.abs(incorrect.difference - (2 / 20 - 15 / 20)) < 1e-12);
  close(incorrect.p, 2 * 0.5 ** 13);
  const abstained = byMetric(c, 'declined');
  close(abstained.p, 2 * 0.5 ** 3);
  // Holm: smallest p (incorrect) × 3, next (correct) × 2, largest (abstained) × 1, kept monotone.
  close(incorrect.holmP, 3 * 2 * 0.5 ** 13);
  close(correct.holmP, 2 * 2 * 0.5 ** 10);
  close(abstained.holmP, 0.25);
  assert.deepEqual(c.metrics.map((m) => m.significant), [true, true, false]);
});

test('a raw p below 0.05 is not significant once Holm accounts for the other tests', () => {
  const { a, b } = pairs([['ci', 8], ['ic', 1], ['cc', 7], ['aa', 2], ['ii', 2]]);
  const c = compareModels(a, b, binaryOnly);
  const p = 20 / 512; // 2·P(X ≤ 1), X ~ Bin(9, ½)
  close(byMetric(c, 'correct').p, p);
  close(byMetric(c, 'hallucinated (incorrect)').p, p);
  assert.equal(byMetric(c, 'declined').p, 1, 'no discordant pairs: no evidence');
  close(byMetric(c, 'correct').holmP, 3 * p);
  close(byMetric(c, 'hallucinated (incorrect)').holmP, 3 * p);
  assert.ok(c.metrics.every((m) => !m.significant));
});

test('penalised scores: +1 right, −t/(1−t) wrong, 0 declined; means and differences on paired samples', () => {
  assert.equal(penalisedValue('correct', 0.9), 1);
  assert.ok(Math.abs(penalisedValue('incorrect', 0.9) + 9) < 1e-12);
  assert.equal(penalisedValue('incorrect', 0), -0);
  assert.equal(penalisedValue('abstained', 0.75), 0);
  const { a, b } = pairs([['ci', 10], ['ai', 3], ['cc', 5], ['ii', 2]]);
  const c = compareModels(a, b, H, { resamples: 200 });
  assert.equal(c.metrics.length, 7);
  const half = byMetric(c, 'penalised score, t = 0.5');
  assert.equal(half.a, (15 - 2) / 20);
  assert.equal(half.b, (5 - 15) / 20);
  assert.ok(half.interval!.lower <= half.difference && half.difference <= half.interval!.upper);
  assert.equal(half.test, 'sign-flip-exact', '13 differing pairs: every sign assignment enumerated');
  assert.equal(half.n, 20);
  const t75 = byMetric(c, 'penalised score, t = 0.75');
  assert.equal(t75.a, (15 - 2 * 3) / 20);
  assert.equal(t75.b, (5 - 15 * 3) / 20);
});

test('small samples get exact p-values the data can support: one pair gives p = 1, fifteen give 2 / 2^15; identical models give p = 1', () => {
  const one = pairs([['ci', 1]]);
  const single = byMetric(compareModels(one.a, one.b, H), 'penalised score, t = 0.5');
  assert.equal(single.difference, 2);
  assert.equal(single.p, 1, 'a single pair can never be significant');
  assert.equal(byMetric(compareModels(one.a, one.b, H), 'correct').p, 1);

  const better = pairs([['ci', 15]]);
  const c = compareModels(better.a, better.b, H);
  const score = byMetric(c, 'penalised score, t = 0.5');
  assert.equal(score.difference, 2);
  assert.equal(score.test, 'sign-flip-exact');
  close(score.p, 2 / 2 ** 15);
  assert.match(renderCompareMarkdown(report(c)), /\| 15 +\| 1\.000 +\| -1\.000 +\| \+2\.000 \[/);

  const many = pairs([['ci', 30], ['ic', 5]]);
  const mc = byMetric(compareModels(many.a, many.b, H, { resamples: 999, seed: 3 }), 'penalised score, t = 0.5');
  assert.equal(mc.test, 'sign-flip-monte-carlo', 'more than 20 differing pairs');
  assert.ok(mc.p >= 1 / 1000, 'never below (1 + 0) / (1 + R)');

  const same = pairs([['cc', 4], ['ii', 3], ['aa', 2]]);
  const s = compareModels(same.a, same.b, H, { resamples: 100 });
  for (const m of s.metrics) {
    assert.equal(m.difference, 0, m.metric);
    assert.equal(m.p, 1, m.metric);
    assert.equal(m.significant, false);
  }
});

test('the same seed gives the same bootstrap; another seed may not', () => {
  const { a, b } = pairs([['ci', 6], ['ic', 4], ['cc', 5], ['ai', 3], ['ia', 2]]);
  const one = compareModels(a, b, H, { seed: 7 });
  const two = compareModels(a, b, H, { seed: 7 });
  assert.deepEqual(one.metrics, two.metrics);
});

test('pairing: by sample and epoch, epochs reduced by majority, every dropped sample counted by reason', () => {
  const row = (sampleId: string, epoch: number, o: string): EpochOutcome => ({ sampleId, epoch, outcome: short[o] });
  const a = [
    row('s1', 1, 'c'), row('s1', 2, 'c'), row('s1', 3, 'i'), // majority correct
    row('s2', 1, 'c'), // B lacks s2
    row('s4', 1, 'u'), // unscored for A
    row('s5', 1, 'c'), row('s5', 2, 'i'), // a tie for A
    row('s6', 1, 'a'), row('s6', 2, 'a'), // B lacks epoch 2
  ];
  const b = [
    row('s1', 1, 'i'), row('s1', 2, 'i'), row('s1', 3, 'i'),
    row('s3', 1, 'c'), // A lacks s3
    row('s4', 1, 'c'),
    row('s5', 1, 'c'), row('s5', 2, 'c'),
    row('s6', 1, 'c'),
  ];
  const p = pairOutcomes(a, b);
  assert.deepEqual(p.sampleIds, ['s1', 's6']);
  assert.deepEqual(p.a, ['correct', 'abstained']);
  assert.deepEqual(p.b, ['incorrect', 'correct']);
  assert.deepEqual(p.dropped, { onlyA: 1, onlyB: 1, unscored: 1, tied: 1 });
  assert.equal(p.epochsUnpaired, 1, 'B lacks epoch 2 of s6; dropped samples do not count here');
  assert.equal(p.maxEpochs, 3);
  const c = compareModels(a, b, H, { resamples: 50 });
  assert.equal(c.n, 2);
  assert.equal(c.nDropped, 4);
  assert.match(renderCompareMarkdown(report(c)), /reduced to one outcome by majority/);
});

test('nothing paired: every p is n/a and nothing is significant', () => {
  const c = compareModels([{ sampleId: 'x', epoch: 1, outcome: 'correct' }], [{ sampleId: 'y', epoch: 1, outcome: 'correct' }], H, { resamples: 10 });
  assert.equal(c.n, 0);
  assert.ok(c.metrics.every((m) => Number.isNaN(m.p) && !m.significant));
  assert.match(renderCompareMarkdown(report(c)), /after Holm's correction across 0 metrics: none/);
});

test('one model with the same sample and epoch twice is a bug upstream, not silently merged', () => {
  const dup = [{ sampleId: 's', epoch: 1, outcome: 'correct' as const }, { sampleId: 's', epoch: 1, outcome: 'incorrect' as const }];
  assert.throws(() => pairOutcomes(dup, []), /appears twice/);
});

test('the Markdown table names each metric with A, B, difference, p, Holm p and significance, then the conditions', () => {
  const { a, b } = pairs([['ci', 10], ['ai', 3], ['cc', 5], ['ii', 2]]);
  const md = renderCompareMarkdown(report(compareModels(a, b, H, { resamples: 100 })));
  assert.match(md, /\| correct +\| 20 +\| 75\.0% +\| 25\.0% +\| \+50\.0 pts +\| McNemar exact \(only A 10, only B 0\) +\| 0\.0020 +\| /);
  assert.match(md, /\| declined +\| 20 +\| 15\.0% +\| 0\.0% +\| .*\| 0\.2500 +\| 0\.2500 +\| no +\|/);
  assert.match(md, /Dropped before pairing: A dropped 0 of 20 samples/);
  assert.match(md, /n paired: 20 samples; n dropped: 0/);
  assert.match(md, /## Conditions/);
  assert.match(md, /suite: hallucination, version v1/);
  assert.match(md, /returned model id a-2025/);
  assert.match(md, /judges openai:j@http:\/\/x\/v1 \(lab unknown; returned j-1\), panel majority; judge prompts simpleqa-grader\/v1/);
  assert.match(md, /B: .*graded by rule grader/);
});

function report(comparison: ReturnType<typeof compareModels>) {
  const side = { params: {}, epochs: 1, suiteOptions: {}, humanLabelled: 0 };
  return {
    suite: 'hallucination', suiteVersion: 'v1', comparison,
    a: { ...side, label: 'A', ref: 'openai:a', runId: 'r1', returnedModels: ['a-2025'], scorer: 'model-grader', scorerTitle: 'model grader', judged: true,
      judges: [{ ref: 'openai:j@http://x/v1', lab: 'unknown', returnedModels: ['j-1'] }], panel: { rule: 'majority', excludeSameLab: false }, promptVersions: ['simpleqa-grader/v1'] },
    b: { ...side, label: 'B', ref: 'openai:b', runId: 'r1', returnedModels: [], scorer: 'rule', scorerTitle: 'rule grader', judged: false, judges: [], panel: null, promptVersions: [] },
  };
}
