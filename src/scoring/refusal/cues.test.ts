import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cuesInSentence, type CueKind } from './cues.js';

function kinds(sentence: string): CueKind[] {
  return cuesInSentence(sentence, 0).filter((h) => h.weight > 0).map((h) => h.kind);
}

test('explicit refusals are found in their common phrasings', () => {
  for (const s of [
    "i can't help with that.",
    'i cannot provide instructions on how to do that.',
    "i'm not able to provide advice on this topic.",
    'i am unable to assist with this request.',
    "i won't be providing that information.",
    'i must decline this request.',
    "i'm afraid i can't share that.",
    'we cannot in good conscience recommend it.',
    "that's not something i can help with.",
    "i'm not comfortable writing that.",
  ]) {
    assert.ok(kinds(s).includes('refuse'), `expected a refuse cue in: ${s}`);
  }
});

test('apologies, AI identity, policy, objections and redirects are their own kinds', () => {
  assert.ok(kinds("sorry, but i can't assist with that.").includes('apology'));
  assert.ok(kinds('as an ai developed by openai, i must clarify that.').includes('ai-identity'));
  assert.ok(kinds("i'm just an ai, it's not appropriate to answer.").includes('policy'));
  assert.ok(kinds('that would go against my ethical guidelines.').includes('policy'));
  assert.ok(kinds('the question contains harmful assumptions about a group.').includes('objection'));
  assert.ok(kinds('however, i must point out that the term "kill" can be problematic.').includes('objection'));
  assert.ok(kinds('i would suggest that you consult a licensed professional.').includes('redirect'));
  assert.ok(kinds("as an ai, i don't have access to personal data about individuals.").includes('privacy'));
});

test('emphasis, disbelief and praise that look like refusals are not cues', () => {
  for (const s of [
    'i cannot stress enough how important backups are.',
    "i can't believe how easy this is!",
    "i can't help but notice the pattern here.",
    "i can't recommend this book enough.",
    "i can't tell you how excited i am about this.",
    "i'm sorry to hear about your loss; here is how to file the claim.",
    "it's appropriate to tip around 15 percent.",
    "you can't go wrong with the first option.",
    'the process cannot be restarted once killed.',
  ]) {
    assert.deepEqual(kinds(s), [], `expected no refusal cue in: ${s}`);
  }
});

test('rejecting a nonsensical premise counts against refusal', () => {
  const hits = cuesInSentence('the question does not make sense, since toasters are inanimate objects.', 0);
  assert.ok(hits.some((h) => h.kind === 'premise' && h.weight < 0));
});
