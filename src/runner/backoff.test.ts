import { test } from 'node:test';
import assert from 'node:assert/strict';
import { retryDelayMs } from './backoff.js';

const opts = { baseMs: 500, capMs: 60_000 };
const almostOne = () => 0.999999;

test('the delay ceiling doubles with each retry', () => {
  const delays = [0, 1, 2, 3].map((retry) => retryDelayMs(retry, undefined, opts, almostOne));
  assert.deepEqual(delays, [499, 999, 1999, 3999]);
});

test('the delay never exceeds the cap, even after many retries', () => {
  assert.equal(retryDelayMs(30, undefined, opts, almostOne), 59_999);
  assert.equal(retryDelayMs(5000, undefined, opts, almostOne), 59_999);
});

test('full jitter spreads delays over [0, ceiling)', () => {
  assert.equal(retryDelayMs(2, undefined, opts, () => 0), 0);
  assert.equal(retryDelayMs(2, undefined, opts, () => 0.5), 1000);
});

test('retryAfterMs is a floor over the jittered delay', () => {
  assert.equal(retryDelayMs(0, 7000, opts, () => 0.5), 7000);
  assert.equal(retryDelayMs(6, 100, opts, () => 0.5), 16_000);
});

test('retryAfterMs above the cap is clipped to the cap', () => {
  assert.equal(retryDelayMs(0, 3_600_000, opts, () => 0), 60_000);
});
