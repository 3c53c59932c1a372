import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BitWindow } from './bit-window.js';

test('share counts only the last `capacity` observations', () => {
  const w = new BitWindow(4);
  assert.equal(w.share, 0);
  for (const v of [true, true, false, false]) w.push(v);
  assert.equal(w.share, 0.5);
  w.push(false); // evicts the first true
  w.push(false); // evicts the second true
  assert.equal(w.count, 4);
  assert.equal(w.yesCount, 0);
  w.push(true);
  assert.equal(w.share, 0.25);
});

test('a partially filled window reports the share of what it holds', () => {
  const w = new BitWindow(100);
  w.push(true);
  w.push(false);
  w.push(false);
  assert.equal(w.count, 3);
  assert.equal(w.share, 1 / 3);
});

test('capacity must be a positive integer', () => {
  assert.throws(() => new BitWindow(0), RangeError);
  assert.throws(() => new BitWindow(2.5), RangeError);
});
