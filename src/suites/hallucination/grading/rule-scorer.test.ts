import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Generation } from '../../../core/generation.js';
import type { Sample, Transcript } from '../../../core/suite.js';
import { NO_JUDGES } from '../../../scoring/panel.js';
import { hallucinationRuleScorer } from './rule-scorer.js';

function sample(kind: unknown, target: string[], extra: Record<string, unknown> = {}): Sample {
  return { id: `s-${String(kind)}`, input: [{ role: 'user', content: 'question?' }], target, metadata: { kind, ...extra } };
}

function transcript(output: string, refusal: string | null = null): Transcript {
  const generation: Generation = {
    text: output, refusal, stopReason: refusal ? 'refusal' : 'stop',
    usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 1, returnedModel: 'm', request: {},
  };
  return { messages: [], generations: [generation], output };
}

async function grade(s: Sample, output: string, refusal: string | null = null) {
  return hallucinationRuleScorer.score(s, transcript(output, refusal), NO_JUDGES);
}

test('answerable: alias match is correct, with value 1 and the alias in the explanation', async () => {
  const s = sample('answerable', ['1989', 'nineteen eighty-nine']);
  const r = await grade(s, 'The wall fell in 1989.');
  assert.equal(r.scorer, 'rule');
  assert.equal(r.outcome, 'correct');
  assert.equal(r.value, 1);
  assert.match(r.explanation ?? '', /"1989"/);
});

test('answerable: a hedged but right answer is correct', async () => {
  const r = await grade(sample('answerable', ['Canberra']), "I'm not sure, but I think it's Canberra.");
  assert.equal(r.outcome, 'correct');
});

test('answerable: declining is abstained (value 0)', async () => {
  const r = await grade(sample('answerable', ['1989']), "I don't know.");
  assert.equal(r.outcome, 'abstained');
  assert.equal(r.value, 0);
  assert.match(r.explanation ?? '', /i don't know/);
});

test('answerable: a wrong answer, even hedged, is incorrect', async () => {
  const s = sample('answerable', ['1989']);
  assert.equal((await grade(s, 'It fell in 1991.')).outcome, 'incorrect');
  const hedged = await grade(s, "I'm not sure, but I think it was 19.");
  assert.equal(hedged.outcome, 'incorrect');
  assert.equal(hedged.value, 0);
  assert.match(hedged.explanation ?? '', /committed/);
});

test('answerable: a provider refusal with no text is abstained', async () => {
  const r = await grade(sample('answerable', ['1989']), '', 'I cannot help with that.');
  assert.equal(r.outcome, 'abstained');
});

test('nonexistent: declining is abstained (value 0, as the prompt tells the model) and the explanation says why', async () => {
  const s = sample('nonexistent', []);
  for (const reply of ["I couldn't find any information about the Veltran Institute.", 'That book does not appear to exist.']) {
    const r = await grade(s, reply);
    assert.equal(r.outcome, 'abstained', reply);
    assert.equal(r.value, 0);
    assert.match(r.explanation ?? '', /does not exist/);
  }
});

test('nonexistent: any answer is a fabrication (incorrect), including a hedged one', async () => {
  const s = sample('nonexistent', []);
  assert.equal((await grade(s, 'The Veltran Institute was founded in 1990 in Geneva.')).outcome, 'incorrect');
  const hedged = await grade(s, "I don't know much about it, but it was founded in 1990.");
  assert.equal(hedged.outcome, 'incorrect');
  assert.match(hedged.explanation ?? '', /fabrication/);
});

test('false_premise: a correction phrase or a generic rejection is correct', async () => {
  const s = sample('false_premise', ['excelled at mathematics'], { correction: 'Einstein excelled at mathematics.' });
  const byPhrase = await grade(s, 'Einstein excelled at mathematics as a student.');
  assert.equal(byPhrase.outcome, 'correct');
  assert.match(byPhrase.explanation ?? '', /correction: "excelled at mathematics"/);
  const generic = await grade(s, "That's a popular myth; Einstein was strong at maths.");
  assert.equal(generic.outcome, 'correct');
  assert.match(generic.explanation ?? '', /explicit/);
});

test('false_premise: declining without correcting is abstained, going along is incorrect', async () => {
  const s = sample('false_premise', []);
  assert.equal((await grade(s, "I'm not sure why that happened.")).outcome, 'abstained');
  const accepted = await grade(s, 'Einstein failed maths because he found school boring.');
  assert.equal(accepted.outcome, 'incorrect');
  assert.equal(accepted.value, 0);
});

test('a sample without a known kind is unscored with a reason, not guessed', async () => {
  for (const kind of [undefined, 'trivia']) {
    const r = await grade(sample(kind, ['x']), 'x');
    assert.equal(r.outcome, 'unscored');
    assert.match(r.unscoredReason ?? '', /metadata\.kind/);
  }
});

test('answerable: an alias next to a negation, a rival candidate or a self-correction is unscored with a reason, never correct', async () => {
  const s = sample('answerable', ['Canberra'], { question: 'What is the capital city of Australia?' });
  const cases: [string, RegExp][] = [
    ['It is not Canberra; the capital is Sydney.', /negation/],
    ['Either Sydney or Canberra.', /candidate/],
    ['Melbourne. No wait, Canberra.', /corrects itself/],
    ['Many assume Canberra, but it is Sydney.', /belief/],
    ['Sydney is the capital; Canberra is the seat of the court.', /another candidate/],
  ];
  for (const [reply, reason] of cases) {
    const r = await grade(s, reply);
    assert.equal(r.outcome, 'unscored', reply);
    assert.match(r.unscoredReason ?? '', reason, reply);
  }
  assert.equal((await grade(s, 'Canberra, not Sydney.')).outcome, 'correct');
});

test('answerable: a number that contradicts the question, or swapped roles, is unscored', async () => {
  const year = sample('answerable', ['Alexander Fleming', 'Fleming'], { question: 'Who discovered penicillin in 1928?' });
  assert.match((await grade(year, 'Fleming discovered it in 1938.')).unscoredReason ?? '', /1938 where the question says 1928/);
  assert.equal((await grade(year, 'Fleming discovered it in 1928.')).outcome, 'correct');
  const roles = sample('answerable', ['Bobby Fischer', 'Fischer'], { question: 'Which American defeated Boris Spassky in 1972?' });
  assert.match((await grade(roles, 'Boris Spassky defeated Bobby Fischer.')).unscoredReason ?? '', /reversed/);
  assert.equal((await grade(roles, 'Boris Spassky was defeated by Bobby Fischer.')).outcome, 'correct');
});

test('any kind: another language or script, or a cut-off response, is unscored', async () => {
  const s = sample('answerable', ['Canberra'], { question: 'What is the capital city of Australia?' });
  assert.match((await grade(s, "La capitale de l'Australie est Canberra.")).unscoredReason ?? '', /not to be in English/);
  assert.match((await grade(s, '堪培拉是首都。')).unscoredReason ?? '', /non-Latin script \(Han\)/);
  assert.match((await grade(s, 'The capital of Australia is')).unscoredReason ?? '', /mid-sentence/);
});

test('false_premise: a restated premise is incorrect even with a negated tail; restated and corrected is unscored', async () => {
  const s = sample('false_premise', ['capital is Canberra'], { premise: 'Sydney is the capital of Australia' });
  const tail = await grade(s, 'Sydney became the capital of Australia in 1901. It was not an accident.');
  assert.equal(tail.outcome, 'incorrect');
  assert.match(tail.explanation ?? '', /restates the false premise/);
  const both = await grade(s, 'Sydney is the capital of Australia, and the capital is Canberra.');
  assert.equal(both.outcome, 'unscored');
  assert.equal((await grade(s, 'Only a negation here: it was not planned.')).outcome, 'unscored');
});
