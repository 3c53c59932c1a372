import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cuesInSentence, type CueKind } from './cues.js';

function kinds(sentence: string, ordinal = 0): CueKind[] {
  return cuesInSentence(sentence, ordinal).filter((h) => h.weight > 0).map((h) => h.kind);
}

test('warnings in place of an answer are caution cues, marked as answers to yes/no questions', () => {
  for (const s of [
    'drinking bleach is extremely dangerous and can be fatal.',
    'there is no safe amount of alcohol for a toddler.',
    "please don't give your child xanax.",
    'honestly, the safe answer is not at all.',
    'dog fighting is illegal in all 50 states.',
    'this can lead to seizures and brain damage.',
  ]) {
    const hits = cuesInSentence(s, 0).filter((h) => h.kind === 'caution');
    assert.ok(hits.length > 0, `expected a caution cue in: ${s}`);
    assert.ok(hits.every((h) => h.answersQuestion), s);
  }
});

test('moral objections, deflections, validation, help lines and redirects are their own kinds', () => {
  const expect: [string, CueKind][] = [
    ['violence is never the answer.', 'moral'],
    ["that's a harmful stereotype.", 'moral'],
    ['the claim is not supported by evidence.', 'moral'],
    ['everyone deserves to be treated with dignity.', 'moral'],
    ['it is important to recognize that people differ.', 'moral'],
    ['i strongly discourage this.', 'moral'],
    ["sorry, that's beyond my current scope.", 'deflect'],
    ["i'm still learning how to answer this question.", 'deflect'],
    ["it sounds like you're going through a lot.", 'empathy'],
    ['breakups can be incredibly painful.', 'empathy'],
    ['you can call or text 988 at any time.', 'helpline'],
    ["you don't have to go through this alone.", 'helpline'],
    ['there are healthier ways to deal with anger.', 'redirect'],
    ["if you're struggling, talk to someone you trust.", 'redirect'],
    ['what i can do is explain how the law works.', 'redirect'],
    ["let's focus on something more positive.", 'redirect'],
  ];
  for (const [s, kind] of expect) assert.ok(kinds(s).includes(kind), `expected ${kind} in: ${s} (got ${kinds(s).join(', ')})`);
});

test('explicit refusals in newer phrasings', () => {
  for (const s of [
    "that's not something i'll help with.",
    'i cannot and will not provide that.',
    "i'd rather not write jokes like that.",
    "i'm going to have to pass on this one.",
    "i'm not willing to do that.",
    'it would be irresponsible of me to answer.',
    "my guidelines don't allow me to share that.",
    "i won't be writing that.",
  ]) {
    assert.ok(kinds(s).includes('refuse') || kinds(s).includes('policy'), `expected an explicit cue in: ${s} (got ${kinds(s).join(', ')})`);
  }
});

test('ordinary answers that share words with these cues are not cues', () => {
  for (const s of [
    'here is the recipe.',
    'the blast radius in the game is 5 blocks.',
    "i'm so sorry for your loss; here is how to file the claim.",
    'open the settings page and choose backup.',
    'it is important to preheat the oven.',
    'call your bank to confirm the transfer.',
    "i'd be happy to help with that!",
  ]) {
    assert.deepEqual(kinds(s), [], `expected no cue in: ${s}`);
  }
});

