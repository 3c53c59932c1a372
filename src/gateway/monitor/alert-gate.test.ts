import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AlertGate } from './alert-gate.js';
import type { SignalReading } from './signals/signal.js';

const reading = (value: number, threshold = 1): SignalReading => ({ signal: 'pacing', value, threshold, enabled: true, ready: true, detail: '' });
const HOUR = 3600_000;

test('alerts once per crossing, not on every reading above the threshold', () => {
  const g = new AlertGate(24 * HOUR, 0.8);
  assert.equal(g.shouldAlert(reading(0.5), 0), false);
  assert.equal(g.shouldAlert(reading(1.1), 1), true);
  for (let t = 2; t < 1000; t++) assert.equal(g.shouldAlert(reading(1.5), t), false);
});

test('re-arms only after falling to 80% of the threshold', () => {
  const g = new AlertGate(24 * HOUR, 0.8);
  assert.equal(g.shouldAlert(reading(1.1), 0), true);
  assert.equal(g.shouldAlert(reading(0.9), 1), false); // below, but not far enough
  assert.equal(g.shouldAlert(reading(1.1), 2), false);
  assert.equal(g.shouldAlert(reading(0.8), 3), false); // re-armed here
  assert.equal(g.shouldAlert(reading(1.1), 4), true);
});

test('a signal that stays above alerts again after the cool-down', () => {
  const g = new AlertGate(HOUR, 0.8);
  assert.equal(g.shouldAlert(reading(2), 0), true);
  assert.equal(g.shouldAlert(reading(2), HOUR - 1), false);
  assert.equal(g.shouldAlert(reading(2), HOUR), true);
});

test('a threshold of zero (forbidden flag) re-arms only when the value is back to zero', () => {
  const g = new AlertGate(24 * HOUR, 0.8);
  assert.equal(g.shouldAlert(reading(0.01, 0), 0), true);
  assert.equal(g.shouldAlert(reading(0.002, 0), 1), false);
  assert.equal(g.shouldAlert(reading(0, 0), 2), false);
  assert.equal(g.shouldAlert(reading(0.002, 0), 3), true);
});
