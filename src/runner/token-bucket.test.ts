import { test } from 'node:test';
import { fakeClock } from './testing/fake-clock.js';
import assert from 'node:assert/strict';
import { Fifo, RateGate, TokenBucket } from './token-bucket.js';


test('a bucket starts full, refills continuously and never above capacity', () => {
  const clock = fakeClock();
  const bucket = new TokenBucket(60, clock); // one per second
  bucket.take(60);
  assert.equal(bucket.available, 0);
  clock.t = 500;
  assert.equal(bucket.available, 0.5);
  assert.equal(bucket.msUntil(1), 500);
  clock.t = 10 * 60_000;
  assert.equal(bucket.available, 60);
});

test('a cost above capacity waits only for a full bucket, then goes into debt', () => {
  const clock = fakeClock();
  const bucket = new TokenBucket(100, clock);
  assert.equal(bucket.msUntil(500), 0);
  bucket.take(500);
  assert.equal(bucket.available, -400);
  assert.equal(bucket.msUntil(100), 300_000); // 500 tokens at 100/min
});

test('adjust refunds up to capacity and charges debt', () => {
  const clock = fakeClock();
  const bucket = new TokenBucket(100, clock);
  bucket.take(80);
  bucket.adjust(1000);
  assert.equal(bucket.available, 100);
  bucket.adjust(-150);
  assert.equal(bucket.available, -50);
});

test('Fifo keeps order across compaction', () => {
  const q = new Fifo<number>();
  const out: number[] = [];
  for (let i = 0; i < 5000; i++) {
    q.push(i);
    if (i % 3 === 0) out.push(q.shift()!);
  }
  while (q.size) out.push(q.shift()!);
  assert.deepEqual(out, Array.from({ length: 5000 }, (_, i) => i));
  assert.equal(q.shift(), undefined);
});

test('RateGate admits first come first served at the rpm rate', async () => {
  const clock = fakeClock();
  const gate = new RateGate(clock, new TokenBucket(2, clock)); // one per 30 s, burst of 2
  const admitted: [number, number][] = [];
  await Promise.all(
    [0, 1, 2, 3, 4].map(async (i) => {
      await gate.acquire(0);
      admitted.push([i, clock.t]);
    }),
  );
  assert.deepEqual(admitted, [[0, 0], [1, 0], [2, 30_000], [3, 60_000], [4, 90_000]]);
});

test('a small request does not overtake a large one waiting at the head', async () => {
  const clock = fakeClock();
  const gate = new RateGate(clock, undefined, new TokenBucket(600, clock)); // 10 tokens/s
  assert.equal(gate.acquire(550), undefined);
  const order: string[] = [];
  const big = gate.acquire(500)!.then(() => order.push('big'));
  const small = gate.acquire(1)!.then(() => order.push('small'));
  await Promise.all([big, small]);
  assert.deepEqual(order, ['big', 'small']);
});

test('a refund wakes the waiting head before its computed wait ends', async () => {
  const clock = fakeClock();
  const gate = new RateGate(clock, undefined, new TokenBucket(600, clock));
  assert.equal(gate.acquire(600), undefined);
  const waiting = gate.acquire(100)!;
  gate.settle(600, 20); // the first call used far less than it reserved
  await waiting;
  assert.equal(clock.t, 0);
});
