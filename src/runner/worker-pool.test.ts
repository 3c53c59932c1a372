import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runPool } from './worker-pool.js';

test('never runs more than `concurrency` items at once and runs each once', async () => {
  let inFlight = 0;
  let maxInFlight = 0;
  const seen: number[] = [];
  await runPool([...Array(50).keys()].values(), 4, async (i) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((r) => setTimeout(r, 1));
    seen.push(i);
    inFlight--;
  });
  assert.equal(maxInFlight, 4);
  assert.deepEqual(seen.sort((a, b) => a - b), [...Array(50).keys()]);
});

test('stops pulling items after the first error and rethrows it', async () => {
  let started = 0;
  await assert.rejects(
    runPool([...Array(100).keys()].values(), 2, async (i) => {
      started++;
      if (i === 3) throw new Error('boom');
    }),
    /boom/,
  );
  assert.ok(started < 100, `started ${started}`);
});
