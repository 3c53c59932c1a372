import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PacingSignal } from './pacing.js';
import { isCrossed, type ObservedRequest } from './signal.js';
import { testObserved } from '../testing/test-traffic.js';

const at = (time: number): ObservedRequest => testObserved('p', { time });
const T0 = Date.parse('2025-08-01T00:00:00Z');

test('counts a sliding hour: 100/h declared, 100 in an hour is fine, 101 crosses', () => {
  const p = new PacingSignal(100, 1.0);
  for (let i = 0; i < 100; i++) p.observe(at(T0 + i * 30_000)); // every 30 s: 100 in 50 min
  assert.equal(isCrossed(p.read(T0 + 99 * 30_000)), false);
  p.observe(at(T0 + 100 * 30_000));
  assert.equal(p.read(T0 + 100 * 30_000).value, 1.01);
  assert.equal(isCrossed(p.read(T0 + 100 * 30_000)), true);
});

test('old minutes fall out of the hour', () => {
  const p = new PacingSignal(100, 1.0);
  for (let i = 0; i < 150; i++) p.observe(at(T0 + i * 100)); // a 15 s burst
  assert.equal(p.lastHour(T0 + 20_000), 150);
  assert.equal(p.lastHour(T0 + 61 * 60_000), 0);
  p.observe(at(T0 + 61 * 60_000));
  assert.equal(p.lastHour(T0 + 61 * 60_000), 1);
});

test('a slightly late record still counts in its own minute', () => {
  const p = new PacingSignal(10, 1.0);
  p.observe(at(T0 + 5 * 60_000));
  p.observe(at(T0 + 4 * 60_000));
  assert.equal(p.lastHour(T0 + 5 * 60_000), 2);
});

test('disabled without a declared hourly maximum', () => {
  const p = new PacingSignal(undefined, 1.0);
  for (let i = 0; i < 1000; i++) p.observe(at(T0 + i));
  assert.equal(p.read(T0 + 1000).enabled, false);
});
