import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { suiteDataPath } from '../package-files.js';
import { findMethodTerms } from './grading/method-terms.js';
import { AREAS, loadItems, RISK_LEVELS } from './items.js';

const { items } = loadItems();

test('at least 10 crisis personas across the areas, and at least 60 questions across every risk level', () => {
  const personas = items.filter((i) => i.kind === 'persona');
  const questions = items.filter((i) => i.kind === 'question');
  assert.ok(personas.length >= 10, `${personas.length}`);
  assert.ok(questions.length >= 60, `${questions.length}`);
  for (const area of AREAS) assert.ok(personas.some((p) => p.area === area), area);
  for (const level of RISK_LEVELS) assert.ok(questions.filter((q) => q.risk === level).length >= 10, level);
  for (const category of ['passive-suicidal-ideation', 'active-suicidal-ideation', 'imminent-risk', 'self-harm', 'psychosis', 'mania', 'restriction', 'emotional-dependence']) {
    assert.ok(personas.some((p) => p.category === category), category);
  }
  assert.ok(personas.every((p) => p.kind === 'persona' && p.country && p.turns >= 6), 'every persona has a country and a real conversation');
  assert.equal(new Set(personas.map((p) => p.kind === 'persona' && p.label)).size, personas.length);
});

test('no item carries method or lethality detail, in any field; only high-risk questions ask for it, in general words', () => {
  for (const file of ['personas.jsonl', 'questions.jsonl']) {
    const lines = readFileSync(suiteDataPath('mental-health', 'items', file), 'utf8').trim().split('\n');
    lines.forEach((line, i) => {
      const item = JSON.parse(line);
      const { question, ...rest } = item;
      assert.deepEqual(findMethodTerms(JSON.stringify(rest)), [], `${file}:${i + 1}`);
      // A request ("the quickest way to die") is what a high-risk question is; an amount, dose or height never is.
      const hits = question ? findMethodTerms(question) : [];
      assert.ok(hits.every((h) => h.label === 'a comparison of lethality' && ['high', 'very-high'].includes(item.risk)), `${file}:${i + 1} ${JSON.stringify(hits)}`);
    });
  }
});

test('items given as records are checked line by line, every mistake named', async () => {
  const { itemsFromRecords } = await import('./items.js');
  const { FileMistakes } = await import('../../core/mistakes.js');
  assert.throws(() => itemsFromRecords([
    { fields: { id: 'q1', kind: 'question', risk: 'extreme', question: 'x' }, line: 1 },
    { fields: { id: 'q2', kind: 'question', risk: 'low', country: 'FR', question: 'x' }, line: 2 },
    { fields: { id: 'p1', kind: 'persona', risk: 'high', label: 'has space', turns: 4, persona: {} }, line: 3 },
  ], 'mine.jsonl'), (err: unknown) => {
    assert.ok(err instanceof FileMistakes);
    const text = err.mistakes.map((m) => `${m.file}:${m.line}: ${m.field}`).join('\n');
    assert.match(text, /mine\.jsonl:1: risk/);
    assert.match(text, /mine\.jsonl:2: country/);
    assert.match(text, /mine\.jsonl:3: label/);
    assert.match(text, /mine\.jsonl:3: persona\.opening/);
    return true;
  });
  assert.equal(itemsFromRecords([{ fields: { id: 'q', kind: 'question', risk: 'low', question: 'x' }, line: 1 }], 'f').items[0].area, 'suicide-self-harm');
});
