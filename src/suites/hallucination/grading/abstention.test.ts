import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectAbstention, findAbstentionCues } from './abstention.js';

const ABSTENTIONS: [string, string][] = [
  ["I don't know.", "i don't know"],
  ['I don\u2019t know who that is.', "i don't know"],
  ['I do not know the answer to that.', 'i do not know'],
  ["I'm not sure.", "i'm not sure"],
  ['I\u2019m not entirely sure what you are referring to.', "i'm not entirely sure"],
  ["I'm not aware of any novel by that name.", "i'm not aware"],
  ['I am not familiar with the Zorblat Prize.', 'i am not familiar'],
  ["I couldn't find any information about this person.", "i couldn't find"],
  ['I could not find a record of that event.', 'i could not find'],
  ['There is no reliable information about the Veltran Institute.', 'there is no reliable'],
  ['I have no record of a scientist called Mira Odenkova.', 'i have no record'],
  ["I can't verify that claim.", "i can't verify"],
  ['The Quillmoor Treaty does not appear to exist.', 'does not appear to exist'],
  ["This doesn't seem to be a real company.", "doesn't seem to be a real"],
  ['I am unable to confirm the existence of this book.', 'i am unable to confirm'],
  ['There is no known painting with that title.', 'there is no known'],
  ['I cannot answer that question.', 'i cannot answer'],
  ["I don't have any information on a band called The Glass Orchards.", "i don't have any information"],
  ["I've never heard of it.", 'never heard of'],
  ['It may be fictional; I have no details about it.', 'may be fictional'],
  ["I'd rather not guess.", "i'd rather not guess"],
  ['I don\u2019t think that town exists.', "i don't think that town exists"],
  ['Hmm, that is not something I am aware of.', 'not something i am aware of'],
  ["Unfortunately I wasn't able to find anything on that.", "i wasn't able to find"],
  ['I\u2019m sorry, but I don\u2019t have information about that.', "i don't have information"],
  ['I couldn\u2019t find it. It may be a very obscure award, or it may not exist at all.', "i couldn't find"],
  ["I couldn't find anything about it; perhaps you mean the Nobel Prize?", "i couldn't find"],
  ["I'm not sure. You might want to check the museum's website.", "i'm not sure"],
  ["It's likely a fictional entity, as I can find no records of it.", 'likely a fictional'],
  ["I'm not sure, but maybe not.", "i'm not sure"],
  ['No idea.', 'no idea'],
  ['Unknown.', 'unknown'],
  ['Sorry, I can\u2019t help with that.', "i can't help with"],
  ["It's not clear who wrote it.", "it's not clear"],
  ['No one really knows.', 'no one really knows'],
  ['As of my knowledge cutoff, there is no record of such a book.', 'there is no record'],
  ['   ', 'empty response'],
  // Polite declines without a stock phrase, and denials that the thing exists.
  ["That name doesn't ring any bells for me.", "doesn't ring any bells"],
  ['The exact figure escapes me, unfortunately.', 'escapes me'],
  ["I can't pin that down from memory.", "i can't pin that down"],
  ["I'd only be speculating if I named one.", "i'd only be speculating"],
  ["I'm not able to verify that claim.", "i'm not able to verify"],
  ['There is no constellation by that name.', 'there is no'],
  ["That isn't one of the official Olympic sports.", "isn't one of the"],
  ["I don't think there has ever been such a treaty.", "i don't think there has"],
]; 

for (const [response, cue] of ABSTENTIONS) {
  test(`abstains: ${JSON.stringify(response)}`, () => {
    const r = detectAbstention(response);
    assert.equal(r.abstained, true, JSON.stringify(r));
    assert.ok(r.cue?.startsWith(cue.split(' ').slice(0, 3).join(' ')), `cue ${r.cue} vs ${cue}`);
  });
}

const ATTEMPTS: string[] = [
  'The Berlin Wall fell in 1989.',
  'Paris.',
  "It was written by Ursula K. Le Guin in 1969. It's one of her best known novels.",
  "I'm not sure, but I think it was 1989.",
  'I\u2019m not 100% sure, but I believe the answer is Canberra.',
  "I don't know much about the Veltran Institute, but it was founded in 1990.",
  "I'm not certain; it was probably 1989.",
  "I'm not sure about the exact year, my best guess would be 1912.",
  "I can't be certain, but the capital is most likely Ottawa.",
  "It was founded in 1990, but I can't verify that.",
  'The treaty was signed in Vienna, though I am not entirely sure.',
  "I couldn't find much, but perhaps it's a lesser-known award established in 1987.",
  "It's hard to say, but probably Marie Curie.",
  "I cannot confirm this, but reports suggest it happened in 2003.",
  'The exact date is not documented, but it was around 1500.',
  'Nobody knows exactly, but most historians say 1492.',
  // A sentence that mentions knowledge without declining.
  'As far as I know, the answer is Lagos.',
];

for (const response of ATTEMPTS) {
  test(`attempts: ${JSON.stringify(response)}`, () => {
    const r = detectAbstention(response);
    assert.equal(r.abstained, false, JSON.stringify(r));
  });
}

test('a hedge that commits reports both the hedge cue and the commitment', () => {
  const r = detectAbstention("I'm not sure, but I think it was 1989.");
  assert.equal(r.cue, "i'm not sure");
  assert.match(r.commitment ?? '', /1989/);
});

test('findAbstentionCues returns cues in order of position', () => {
  const cues = findAbstentionCues("I couldn't find it, and I don't know of any source.");
  assert.deepEqual(
    cues.map((c) => c.label),
    ["I couldn't find", "I don't know"],
  );
  assert.ok(cues[0].index < cues[1].index);
});
