import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Sample } from '../core/suite.js';
import { selectSamples } from './select.js';

const make = (id: string, kind: string, category: string): Sample => ({
  id, input: [{ role: 'user', content: id }], target: [], metadata: { kind, category },
});
const samples = [
  make('a1', 'answerable', 'history'), make('a2', 'answerable', 'music'), make('a3', 'answerable', 'history'),
  make('n1', 'nonexistent', 'person'), make('n2', 'nonexistent', 'place'),
  make('f1', 'false_premise', 'history'),
];

test('limit takes samples round-robin across kinds', () => {
  assert.deepEqual(selectSamples(samples, { limit: 4 }).map((s) => s.id), ['a1', 'n1', 'f1', 'a2']);
});

test('category filters by category or kind, case-insensitively', () => {
  assert.deepEqual(selectSamples(samples, { category: ['History'] }).map((s) => s.id), ['a1', 'a3', 'f1']);
  assert.deepEqual(selectSamples(samples, { category: ['nonexistent'] }).map((s) => s.id), ['n1', 'n2']);
});

test('no options keeps every sample in order', () => {
  assert.deepEqual(selectSamples(samples, {}), samples);
});
