import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SustainedPacingSignal } from './sustained-pacing.js';
import { isCrossed, type ObservedRequest } from './signal.js';
import { testObserved } from '../testing/test-traffic.js';

const at = (time: number): ObservedRequest => testObserved('p', { time });
const HOUR = 3600_000;
const T0 = Date.parse('2025-08-01T00:00:00Z');

function feed(s: SustainedPacingSignal, fromHour: number, hours: number, perHour: number): void {
  for (let h = fromHour; h < fromHour + hours; h++) for (let i = 0; i < perHour; i++) s.observe(at(T0 + h * HOUR + (i * HOUR) / perHour));
}

test('a flat round-the-clock rate crosses after 48 consecutive hours', () => {
  const s = new SustainedPacingSignal(10, 48);
  feed(s, 0, 48, 20);
  assert.equal(s.hours(T0 + 47 * HOUR + 1), 48);
  assert.equal(isCrossed(s.read(T0 + 47 * HOUR + 1)), false);
  feed(s, 48, 1, 20);
  assert.equal(isCrossed(s.read(T0 + 48 * HOUR + 1)), true);
});

test('an idle hour resets the streak; so does an hour below the minimum', () => {
  const s = new SustainedPacingSignal(10, 48);
  feed(s, 0, 30, 20);
  feed(s, 31, 5, 20); // hour 30 empty
  assert.equal(s.hours(T0 + 35 * HOUR + 1), 5);
  feed(s, 36, 1, 3); // a quiet hour
  feed(s, 37, 2, 20);
  assert.equal(s.hours(T0 + 38 * HOUR + 1), 2);
});

test('the streak reads as broken once time has moved past it', () => {
  const s = new SustainedPacingSignal(10, 48);
  feed(s, 0, 10, 20);
  assert.equal(s.hours(T0 + 9 * HOUR + 1), 10);
  assert.equal(s.hours(T0 + 10 * HOUR + 1), 10); // last hour was active, this one just began
  assert.equal(s.hours(T0 + 12 * HOUR), 0);
});
