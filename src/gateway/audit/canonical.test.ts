import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { AuditEntry } from '../contracts.js';
import { bodyHash, canonicalJson, entryLeafData, entryLeafHash, newSalt } from './canonical.js';

test('canonical JSON sorts keys at every depth, drops undefined and has no whitespace', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: true }, u: undefined }), '{"a":{"c":true,"d":[1,"x",null]},"b":1}');
  assert.equal(canonicalJson({ 'é': 1, z: 2, A: 3 }), '{"A":3,"z":2,"é":1}');
  assert.throws(() => canonicalJson({ x: NaN }), TypeError);
  assert.throws(() => canonicalJson({ x: () => 1 }), TypeError);
});

test('keys that look like array indices are ordered by code units too, not numerically', () => {
  // JS objects list "10" before "9" only if sorted by code units; engines put index keys first, numerically.
  assert.equal(canonicalJson({ b: 1, 9: 'nine', 10: 'ten', a: { 2: true, 1: false } }), '{"10":"ten","9":"nine","a":{"1":false,"2":true},"b":1}');
  assert.equal(canonicalJson({ '01': 1, 1: 2 }), '{"01":1,"1":2}');
  assert.equal(canonicalJson([{ b: 1, a: [undefined, -0, 1e21] }]), '[{"a":[null,0,1e+21],"b":1}]');
});

test('two entries with the same fields in a different order have the same leaf hash', () => {
  const a: AuditEntry = { kind: 'request', time: '2025-01-01T00:00:00.000Z', grantId: 'g1', detail: { n: 1, m: 2 } };
  const b: AuditEntry = { detail: { m: 2, n: 1 }, grantId: 'g1', time: '2025-01-01T00:00:00.000Z', kind: 'request' };
  assert.equal(entryLeafHash(a), entryLeafHash(b));
  const expected = createHash('sha256').update(Buffer.from([0])).update(entryLeafData(a)).digest('hex');
  assert.equal(entryLeafHash(a), expected);
  assert.notEqual(entryLeafHash({ ...a, grantId: 'g2' }), entryLeafHash(a));
});

test('body hash is SHA-256(salt || body) and differs per salt', () => {
  const salt = Buffer.alloc(16, 1);
  const expected = createHash('sha256').update(Buffer.concat([salt, Buffer.from('hi')])).digest('hex');
  assert.equal(bodyHash(salt, 'hi'), expected);
  assert.equal(bodyHash(salt, Buffer.from('hi')), expected);
  const s1 = newSalt();
  const s2 = newSalt();
  assert.equal(s1.length, 16);
  assert.notEqual(bodyHash(s1, 'hi'), bodyHash(s2, 'hi'));
});
