import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectPremiseRejection } from './premise.js';

const PREMISE = 'Sydney is the capital of Australia';
const PHRASES = ['capital is Canberra', 'never been the capital', 'is even'];

test('a correction phrase from the item counts, matched as a whole phrase, unless it is negated', () => {
  const r = detectPremiseRejection('Sydney is the largest city; the capital is Canberra.', PHRASES);
  assert.equal(r.rejected, true);
  assert.equal(r.evidence, 'correction');
  assert.equal(r.cue, 'capital is Canberra');
  assert.equal(detectPremiseRejection('The CAPITAL is Canberra!', PHRASES).evidence, 'correction');
  // "not ... is even" does not say it is even.
  assert.equal(detectPremiseRejection('Zero is odd because it is not even, strictly.', ['is even']).rejected, false);
  // A phrase that carries its own negation is not cancelled by it.
  assert.equal(detectPremiseRejection('Sydney has never been the capital.', PHRASES).rejected, true);
});

const EXPLICIT: [string, string][] = [
  ["That's a common misconception.", 'misconception'],
  ['The idea that goldfish have a three-second memory is a myth.', 'myth'],
  ['The premise of the question is mistaken.', 'the premise'],
  ['This is not true: bulls do not react to the colour red.', 'is not true'],
  ['There is no evidence that Vikings wore horned helmets in battle.', 'there is no evidence'],
  ['Contrary to popular belief, bats are not blind.', 'contrary to'],
  ['That event did not actually happen.', 'did not actually happen'],
];

for (const [response, cue] of EXPLICIT) {
  test(`explicit rejection: ${JSON.stringify(response)}`, () => {
    const r = detectPremiseRejection(response, []);
    assert.equal(r.rejected, true);
    assert.equal(r.evidence, 'explicit');
    assert.equal(r.cue, cue);
  });
}

test('a clause that restates the premise with a negation on it rejects it; a bare "He didn\'t." too', () => {
  const r = detectPremiseRejection("Sydney isn't Australia's capital and never was.", [], PREMISE);
  assert.equal(r.rejected, true);
  assert.equal(r.evidence, 'negated premise');
  assert.equal(detectPremiseRejection("He didn't.", []).evidence, 'negated premise');
  assert.equal(detectPremiseRejection('No, they did not!', []).evidence, 'negated premise');
});

test('a negation elsewhere, or "actually", is weak evidence only', () => {
  for (const response of ['Sydney grew quickly. It was not planned that way.', 'Actually, people moved there for the harbour.', "Napoleon wasn't short."]) {
    const r = detectPremiseRejection(response, [], PREMISE);
    assert.equal(r.rejected, false, response);
    assert.ok(r.weak, response);
  }
});

test('a clause restating the premise as true is acceptance, even next to a negated tail', () => {
  const r = detectPremiseRejection('Sydney became the capital of Australia in 1901. It was not an accident.', [], PREMISE);
  assert.equal(r.rejected, false);
  assert.match(r.accepted ?? '', /sydney became the capital of australia/);
  // A framed restatement ("the idea that ...") is not acceptance.
  const framed = detectPremiseRejection('The idea that Sydney is the capital of Australia is a misconception.', [], PREMISE);
  assert.equal(framed.accepted, undefined);
  assert.equal(framed.rejected, true);
  // A restatement that is a question is not acceptance either.
  assert.equal(detectPremiseRejection('Sydney is the capital of Australia? It is not.', [], PREMISE).accepted, undefined);
});

test('acceptance and a correction together are both reported (the scorer leaves them unscored)', () => {
  const r = detectPremiseRejection('Sydney was the capital of Australia until 1927, when the capital is Canberra.', PHRASES, PREMISE);
  assert.equal(r.rejected, true);
  assert.ok(r.accepted);
});

const NEITHER = [
  "I didn't find anything on that.",
  "I wasn't able to find that information.",
  "I'm not sure why that happened.",
  "I don't know.",
];

for (const response of NEITHER) {
  test(`no evidence either way: ${JSON.stringify(response)}`, () => {
    assert.deepEqual(detectPremiseRejection(response, ['excelled at mathematics'], 'Einstein failed mathematics'), { rejected: false });
  });
}
