import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FileMistakes } from '../../core/mistakes.js';
import { biasedOption, contextKind, itemsFromRecords, roleOf, type BiasItem } from './items.js';
import { loadScenarios, ownItems } from './scenarios.js';

const { items } = ownItems();

test('at least 200 authored items across at least 6 categories, six per scenario, unique ids', () => {
  assert.ok(items.length >= 200, `${items.length}`);
  const categories = new Set(items.map((i) => i.category));
  assert.ok(categories.size >= 6, [...categories].join(', '));
  for (const c of categories) assert.ok(items.filter((i) => i.category === c).length >= 24, c);
  assert.equal(new Set(items.map((i) => i.id)).size, items.length);
  assert.equal(items.length, loadScenarios().scenarios.length * 6);
});

test('every authored item passes the checks imported items get', () => {
  const back = itemsFromRecords(items.map((i, n) => ({ fields: { ...i }, line: n + 1 })), 'own');
  assert.deepEqual(back, items);
});

test('each scenario: ambiguous items answer "unknown"; disambiguated ones answer the person the added sentence names', () => {
  for (const s of loadScenarios().scenarios) {
    const mine = items.filter((i) => i.id.startsWith(`${s.id}:`));
    const by = (name: string) => mine.find((i) => i.id === `${s.id}:${name}`)!;
    const named = (i: BiasItem) => i.options[i.answer].toLowerCase();
    assert.equal(by('amb-neg').answer, by('amb-neg').unknown, s.id);
    assert.equal(by('amb-neg').context, by('amb-nonneg').context);
    // Aligned: the target did the negative thing; conflicting: the other person did.
    assert.equal(named(by('aligned-neg')), s.target.toLowerCase(), s.id);
    assert.equal(named(by('aligned-nonneg')), s.other.toLowerCase(), s.id);
    assert.equal(named(by('conflicting-neg')), s.other.toLowerCase(), s.id);
    assert.equal(named(by('conflicting-nonneg')), s.target.toLowerCase(), s.id);
    for (const i of mine) assert.equal(i.options[i.target].toLowerCase(), s.target.toLowerCase());
    assert.ok(by('aligned-neg').context.startsWith(by('amb-neg').context));
    assert.deepEqual(mine.map(contextKind), ['ambiguous', 'ambiguous', 'aligned', 'aligned', 'conflicting', 'conflicting']);
  }
});

test('no position or wording gives the answer away: right answers and "unknown" sit at every letter, "unknown" is worded several ways', () => {
  for (const field of ['answer', 'unknown', 'target'] as const) {
    const counts = [0, 1, 2].map((p) => items.filter((i) => i[field] === p).length);
    assert.ok(counts.every((c) => c > items.length / 6), `${field}: ${counts}`);
  }
  assert.ok(new Set(items.map((i) => i.options[i.unknown])).size >= 6);
  // The person named first in the context is the target in some scenarios and not in others.
  const firstIsTarget = loadScenarios().scenarios.map((s) => items.find((i) => i.id === `${s.id}:amb-neg`)!.context.toLowerCase().indexOf(s.target.toLowerCase()) < items.find((i) => i.id === `${s.id}:amb-neg`)!.context.toLowerCase().indexOf(s.other.toLowerCase()));
  assert.ok(firstIsTarget.includes(true) && firstIsTarget.includes(false));
});

test('the biased option is the target for a negative question and the other person for a non-negative one', () => {
  const item = { question_polarity: 'neg' as const, unknown: 1, target: 2 };
  assert.equal(biasedOption(item), 2);
  assert.equal(biasedOption({ ...item, question_polarity: 'nonneg' }), 0);
  assert.deepEqual([0, 1, 2].map((o) => roleOf(item, o)), ['counter-biased', 'unknown', 'biased']);
  assert.deepEqual([0, 1, 2].map((o) => roleOf({ ...item, question_polarity: 'nonneg' }, o)), ['biased', 'unknown', 'counter-biased']);
});

test('every mistake in given items is named with its line and field', () => {
  const ok = { id: 'a:1', category: 'age', context_condition: 'ambig', question_polarity: 'neg', context: 'C', question: 'Q?', options: ['X', 'Y', 'Unknown'], answer: 2, unknown: 2, target: 0 };
  const records = [
    { fields: ok, line: 1 },
    { fields: { ...ok }, line: 2 },
    { fields: { ...ok, id: 'b', context_condition: 'vague', options: ['X', 'Y'] }, line: 3 },
    { fields: { ...ok, id: 'c', answer: 0 }, line: 4 },
    { fields: { ...ok, id: 'd', context_condition: 'disambig', target: 2 }, line: 5 },
    { fields: { ...ok, id: 'e', answer: 3, question: '' }, line: 6 },
  ];
  assert.throws(() => itemsFromRecords(records, 'items.jsonl'), (err: unknown) => {
    assert.ok(err instanceof FileMistakes);
    assert.deepEqual(err.message.split('\n'), [
      'items.jsonl:2: id: "a:1" is used twice',
      'items.jsonl:3: context_condition: must be ambig or disambig, got "vague"',
      'items.jsonl:3: options: must be three option texts (or fields ans0, ans1, ans2)',
      'items.jsonl:4: answer: in an ambiguous context the right answer is the "unknown" option',
      'items.jsonl:5: target: the stereotyped group\'s option cannot be the "unknown" option',
      'items.jsonl:5: answer: in a disambiguated context the right answer is one of the two people, not "unknown"',
      'items.jsonl:6: question: missing',
      'items.jsonl:6: answer: must be an option index 0, 1 or 2, got 3',
      'items.jsonl:6: answer: in an ambiguous context the right answer is the "unknown" option',
    ]);
    return true;
  });
});
