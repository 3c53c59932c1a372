import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkQueue } from './chunk-queue.js';

const b = (s: string) => Buffer.from(s);

test('chunks reach the reader in order, whether pushed before or while it waits; end finishes the loop', async () => {
  const q = new ChunkQueue();
  q.push(b('a'));
  q.push(b('b'));
  const seen: string[] = [];
  const reading = (async () => {
    for await (const c of q) seen.push(c.toString());
  })();
  await new Promise((r) => setImmediate(r));
  q.push(b('c'));
  q.end();
  q.push(b('after end'));
  await reading;
  assert.deepEqual(seen, ['a', 'b', 'c']);
});

test('a failure reaches the reader after the chunks already queued', async () => {
  const q = new ChunkQueue();
  q.push(b('x'));
  q.fail(new Error('broke'));
  const seen: string[] = [];
  await assert.rejects(async () => {
    for await (const c of q) seen.push(c.toString());
  }, /broke/);
  assert.deepEqual(seen, ['x']);
  const waiting = new ChunkQueue();
  const r = waiting.next();
  waiting.fail(new Error('while waiting'));
  await assert.rejects(r, /while waiting/);
});

test('backpressure: onFull past highWater bytes waiting, onDrained once they are taken; break in for-await stops the source', async () => {
  const events: string[] = [];
  const q = new ChunkQueue({ highWater: 4, onFull: () => events.push('full'), onDrained: () => events.push('drained'), onStop: () => events.push('stop') });
  q.push(b('123'));
  assert.deepEqual(events, []);
  q.push(b('45'));
  q.push(b('6'));
  assert.deepEqual(events, ['full'], 'once, not per chunk');
  await q.next();
  await q.next();
  assert.deepEqual(events, ['full']);
  await q.next();
  assert.deepEqual(events, ['full', 'drained']);
  q.push(b('7'));
  for await (const c of q) {
    assert.equal(c.toString(), '7');
    break;
  }
  assert.deepEqual(events, ['full', 'drained', 'stop']);
  assert.deepEqual(await q.next(), { value: undefined, done: true });
});
