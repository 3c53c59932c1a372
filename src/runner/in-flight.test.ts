import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InFlightCalls } from './in-flight.js';

test('counts the calls in flight and how long the oldest still running has waited', () => {
  let now = 1000;
  const calls = new InFlightCalls(() => now);
  assert.equal(calls.oldestWaitMs(), 0);
  const a = calls.start();
  now = 1500;
  const b = calls.start();
  now = 4000;
  assert.equal(calls.count, 2);
  assert.equal(calls.oldestWaitMs(), 3000);
  calls.end(a);
  assert.equal(calls.oldestWaitMs(), 2500, 'the next oldest once the first ends');
  const c = calls.start();
  calls.end(b);
  now = 4100;
  assert.equal(calls.oldestWaitMs(), 100);
  calls.end(c);
  assert.equal(calls.count, 0);
  assert.equal(calls.oldestWaitMs(), 0);
});
