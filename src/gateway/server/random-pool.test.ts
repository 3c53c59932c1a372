import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pooledRandomBytes } from './random-pool.js';

test('pooled random bytes never repeat across refills, and each caller owns its copy', () => {
  const seen = new Set<string>();
  const first = pooledRandomBytes(16);
  const kept = Buffer.from(first);
  for (let i = 0; i < 3000; i++) seen.add(pooledRandomBytes(16).toString('hex')); // 48 KB: a dozen refills of the 4 KiB pool
  assert.equal(seen.size, 3000);
  assert.ok(first.equals(kept), 'a refill does not change bytes already handed out');
  assert.equal(pooledRandomBytes(4096).length, 4096);
  assert.throws(() => pooledRandomBytes(4097), RangeError);
});
