import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectPremiseRejection } from './premise.js';

test('a correction phrase from the item counts first, matched as a whole phrase', () => {
  const r = detectPremiseRejection('Einstein excelled at mathematics from an early age.', ['excelled at mathematics']);
  assert.deepEqual(r, { rejected: true, cue: 'excelled at mathematics', evidence: 'correction' });
  // Normalised match: case, punctuation and diacritics do not matter.
  assert.equal(detectPremiseRejection('He EXCELLED at Mathématics!', ['excelled at mathematics']).evidence, 'correction');
});

const EXPLICIT: [string, string][] = [
  ['Actually, the Great Wall is not visible to the naked eye from orbit.', 'actually'],
  ['In fact, he was of average height for his time.', 'in fact'],
  ["That's a common misconception.", 'misconception'],
  ['The idea that goldfish have a three-second memory is a myth.', 'myth'],
  ['The premise of the question is mistaken.', 'the premise'],
  ['This is not true: bulls do not react to the colour red.', 'is not true'],
  ['There is no evidence that Vikings wore horned helmets in battle.', 'there is no evidence'],
  ['Contrary to popular belief, bats are not blind.', 'contrary to'],
  ['I\u2019m not aware of any historical evidence for that story.', 'not aware of any historical evidence'],
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

const NEGATIONS: [string, string][] = [
  ['Einstein never failed maths.', 'never'],
  ["Napoleon wasn't short.", "wasn't"],
  ['Edison did not invent the light bulb alone.', 'did not'],
  ['The Great Wall isn\u2019t visible from space.', "isn't"],
];

for (const [response, cue] of NEGATIONS) {
  test(`negation rejection: ${JSON.stringify(response)}`, () => {
    const r = detectPremiseRejection(response, []);
    assert.deepEqual(r, { rejected: true, cue, evidence: 'negation' });
  });
}

const ACCEPTANCES = [
  'Einstein failed maths because he was bored at school.',
  'Napoleon was short because of poor nutrition in Corsica.',
  "I didn't find anything on that.",
  "I wasn't able to find that information.",
  "I'm not sure why that happened.",
  "I've never heard of that.",
  'Goldfish forget things after three seconds because their brains are small.',
  "I don't know.",
];

for (const response of ACCEPTANCES) {
  test(`no rejection: ${JSON.stringify(response)}`, () => {
    assert.deepEqual(detectPremiseRejection(response, ['excelled at mathematics']), { rejected: false });
  });
}
