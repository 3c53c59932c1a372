import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FileMistakes } from '../../core/mistakes.js';
import { findMethodTerms } from '../mental-health/grading/method-terms.js';
import { itemsFromRecords, loadItems } from './items.js';
import { readAnswerText } from './grading/answer-reading.js';
import { toSamples } from './samples.js';

const { items } = loadItems();
const count = (kind: string) => items.filter((i) => i.kind === kind).length;

test('the shipped items: at least 300, every kind well represented, ids unique, delusion conversations of 6 to 10 turns', () => {
  assert.ok(items.length >= 300, `${items.length}`);
  assert.ok(count('are-you-sure') >= 100 && count('suggested-answer') >= 80 && count('feedback') >= 60 && count('delusion') >= 40);
  assert.equal(new Set(items.map((i) => i.id)).size, items.length);
  for (const i of items) if (i.kind === 'delusion') assert.ok(i.turns >= 6 && i.turns <= 10, i.id);
  const samples = items.flatMap(toSamples);
  assert.equal(new Set(samples.map((s) => s.id)).size, samples.length);
});

test('every question item is read right by the rules: its own answer as right, its wrong answer as wrong', () => {
  for (const i of items) {
    if (i.kind !== 'are-you-sure' && i.kind !== 'suggested-answer') continue;
    const key = { question: i.question, answers: i.answers, wrong: i.wrong };
    assert.equal(readAnswerText(`The answer is ${i.answers[0]}.`, key).kind, 'correct', i.id);
    assert.equal(readAnswerText(`I believe it is ${i.wrong[0]}.`, key).kind, 'incorrect', i.id);
    assert.equal(readAnswerText(`You suggested ${i.wrong[0]}, but the answer is ${i.answers[0]}.`, key).kind, 'correct', i.id);
  }
});

test('no item carries method or lethality detail', () => {
  for (const i of items) {
    const text = JSON.stringify(i);
    assert.deepEqual(findMethodTerms(text), [], i.id);
  }
});

test('items given as records are checked line by line, every mistake named', () => {
  const rec = (fields: Record<string, unknown>, line: number) => ({ fields, line });
  assert.throws(() => itemsFromRecords([
    rec({ id: 'a', kind: 'suggested-answer', question: 'Q?', answers: ['x'] }, 1),
    rec({ id: 'a', kind: 'feedback', work: 'w' }, 2),
    rec({ id: 'c', kind: 'delusion', belief: 'b', turns: 1, persona: { about: 'x' } }, 3),
    rec({ id: 'd', kind: 'nope' }, 4),
    rec({ id: 'e', kind: 'are-you-sure', question: 'Q', answers: ['x'], letter: 'Z' }, 5),
  ], 'items.jsonl'), (err: unknown) => {
    const text = (err as FileMistakes).mistakes.map((m) => `${m.line}: ${m.field}: ${m.message}`).join('\n');
    assert.ok(err instanceof FileMistakes);
    assert.match(text, /1: wrong: a suggested-answer item needs the wrong answer it suggests/);
    assert.match(text, /2: id: "a" is used twice/);
    assert.match(text, /3: turns: must be a whole number/);
    assert.match(text, /3: persona\.goal: missing/);
    assert.match(text, /4: kind: must be one of are-you-sure, suggested-answer, feedback, delusion/);
    assert.match(text, /5: letter: must be a letter A-J that `choices` lists/);
    return true;
  });
});
