import { randomFillSync } from 'node:crypto';

/**
 * Random bytes cut from a pooled buffer: one getrandom call per 4 KiB, not one per salt or
 * request id (a getrandom call for 16 bytes took about 10 µs on the call path of a small VM).
 * Each caller gets its own copy: the pool is refilled later.
 */
const pool = Buffer.alloc(4096);
let offset = pool.length;

export function pooledRandomBytes(size: number): Buffer {
  if (size > pool.length) throw new RangeError(`at most ${pool.length} pooled random bytes at a time`);
  if (offset + size > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + size));
  offset += size;
  return bytes;
}
