import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DistinctSketch } from './distinct-sketch.js';

test('counts exactly while fewer than k distinct keys, ignoring repeats', () => {
  const s = new DistinctSketch(64);
  for (let round = 0; round < 3; round++) for (let i = 0; i < 50; i++) s.add(`key-${i}`);
  assert.equal(s.estimate(), 50);
});

test('estimates large distinct counts within 10% in fixed memory', () => {
  const s = new DistinctSketch(512);
  for (let i = 0; i < 50_000; i++) s.add(`prompt number ${i}`);
  for (let i = 0; i < 50_000; i++) s.add(`prompt number ${i % 1000}`); // repeats add nothing
  const e = s.estimate();
  assert.ok(Math.abs(e - 50_000) / 50_000 < 0.1, `estimate ${e}`);
  assert.equal(s.size, 512);
});
