import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatReceiptHeader, parseReceipt } from './receipt.js';

const hash = 'ab'.repeat(32);

test('a receipt header round-trips, and JSON receipts parse too', () => {
  assert.equal(formatReceiptHeader({ index: 42, leafHash: hash }), `42:${hash}`);
  assert.deepEqual(parseReceipt(`42:${hash}`), { index: 42, leafHash: hash });
  assert.deepEqual(parseReceipt({ index: 0, leafHash: hash }), { index: 0, leafHash: hash });
});

test('malformed receipts are rejected', () => {
  for (const bad of [`042:${hash}`, `-1:${hash}`, `1:${hash.slice(2)}`, `1:${hash.toUpperCase()}`, '1', '']) {
    assert.throws(() => parseReceipt(bad), /receipt/, bad);
  }
  assert.throws(() => parseReceipt({ index: 1.5, leafHash: hash }), /index/);
  assert.throws(() => parseReceipt({ index: 1 }), /receipt must be/);
  assert.throws(() => parseReceipt(null), /receipt must be/);
});
