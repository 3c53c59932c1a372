import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IntMultimap, ScratchIntSet } from './int-hash.js';
import { mulberry32 } from '../../core/seeded-random.js';

test('IntMultimap returns exactly the lists it was built from, nothing for absent keys', () => {
  const rnd = mulberry32(1);
  const source = new Map<number, number[]>();
  for (let i = 0; i < 5000; i++) source.set(Math.floor(rnd() * 2 ** 30), [i, i + 1, i + 2].slice(0, 1 + (i % 3)));
  const m = new IntMultimap(source);
  for (const [key, list] of source) {
    const got: number[] = [];
    m.forEach(key, (v) => got.push(v));
    assert.deepEqual(got, list);
  }
  let visited = 0;
  m.forEach(2 ** 30 + 5, () => visited++);
  assert.equal(visited, 0);
});

test('ScratchIntSet: add reports novelty, clear empties in O(1), and it grows on demand', () => {
  const s = new ScratchIntSet();
  s.clear(3);
  assert.equal(s.add(7), true);
  assert.equal(s.add(7), false);
  assert.equal(s.add(7 + 1024), true); // same slot, different key
  assert.equal(s.has(7 + 1024), true);
  assert.equal(s.size, 2);
  s.clear(3);
  assert.equal(s.has(7), false);
  assert.equal(s.size, 0);
  s.clear(10_000);
  for (let i = 0; i < 10_000; i++) assert.equal(s.add(i * 37), true);
  assert.equal(s.size, 10_000);
  assert.equal(s.has(37 * 9999), true);
  assert.equal(s.has(1), false);
});

test('ScratchIntSet refuses more keys than clear() made room for instead of looping forever', () => {
  const s = new ScratchIntSet();
  s.clear(4);
  assert.throws(() => {
    for (let i = 0; i < 5000; i++) s.add(i);
  }, RangeError);
});
