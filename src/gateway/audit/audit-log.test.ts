import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry } from '../contracts.js';
import { AuditLog } from './audit-log.js';
import { bodyHash, entryLeafHash } from './canonical.js';
import { openCheckpoint } from './checkpoint.js';
import { verifyConsistency, verifyInclusion } from './merkle.js';
import { generateSignerKey, parseVerifierKey } from './signed-note.js';
import { SqliteAuditStorage } from './sqlite-audit-storage.js';

const keys = generateSignerKey('gateway.test/audit');
const verifier = parseVerifierKey(keys.verifierKey);
const unhex = (hs: string[]): Buffer[] => hs.map((h) => Buffer.from(h, 'hex'));

function entry(i: number): AuditEntry {
  return { kind: 'request', time: new Date(1_700_000_000_000 + i).toISOString(), grantId: 'g1', requestId: `r${i}`, detail: { i } };
}

test('concurrent appends get distinct consecutive indices and receipts that prove inclusion', async () => {
  const log = await AuditLog.open(new SqliteAuditStorage(':memory:'), keys.signerKey);
  const receipts = await Promise.all(Array.from({ length: 300 }, (_, i) => log.append(entry(i))));
  assert.deepEqual(receipts.map((r) => r.index), Array.from({ length: 300 }, (_, i) => i));
  receipts.forEach((r, i) => assert.equal(r.leafHash, entryLeafHash(entry(i))));

  const cp = openCheckpoint(await log.checkpoint(), verifier);
  assert.equal(cp.size, 300);
  for (const r of receipts) {
    verifyInclusion(r.index, cp.size, Buffer.from(r.leafHash, 'hex'), unhex(await log.inclusionProof(r.index, cp.size)), cp.rootHash);
  }
  assert.deepEqual(await log.entry(7), entry(7));
  assert.equal(await log.entry(300), undefined);
  await log.close();
});

test('checkpoints are stored, and later ones are provably consistent with earlier ones', async () => {
  const log = await AuditLog.open(new SqliteAuditStorage(':memory:'), keys.signerKey);
  const empty = openCheckpoint(await log.checkpoint(), verifier);
  assert.equal(empty.size, 0);
  for (let i = 0; i < 13; i++) await log.append(entry(i));
  const a = openCheckpoint(await log.checkpoint(), verifier);
  for (let i = 13; i < 29; i++) await log.append(entry(i));
  const b = openCheckpoint(await log.checkpoint(), verifier);
  verifyConsistency(a.size, b.size, a.rootHash, b.rootHash, unhex(await log.consistencyProof(a.size, b.size)));
  assert.deepEqual((await log.checkpoints()).map((n) => openCheckpoint(n, verifier).size), [0, 13, 29]);
  await log.close();
});

test('bodies are stored apart, salted, and can be opened to recompute the leaf body hash', async () => {
  const log = await AuditLog.open(new SqliteAuditStorage(':memory:'), keys.signerKey);
  const body = JSON.stringify({ messages: [{ role: 'user', content: 'hello' }] });
  const r1 = await log.append({ kind: 'request', time: 't', requestId: 'req-1' }, { body });
  const r2 = await log.append({ kind: 'response', time: 't', requestId: 'req-1' }, { body: Buffer.from('{"ok":true}') });
  const leaf = (await log.entry(r1.index))!;
  assert.equal(r1.leafHash, entryLeafHash(leaf));
  const stored = (await log.getBody('req-1', 'request'))!;
  assert.equal(stored.body.toString('utf8'), body);
  assert.equal(stored.salt.length, 16);
  assert.equal(bodyHash(stored.salt, stored.body), leaf.bodyHash);
  const resp = (await log.getBody('req-1', 'response'))!;
  assert.equal(bodyHash(resp.salt, resp.body), (await log.entry(r2.index))!.bodyHash);
  // The leaf itself never contains the body.
  assert.ok(!JSON.stringify(leaf).includes('hello'));
  // The same body under a new salt commits to a different hash.
  const r3 = await log.append({ kind: 'request', time: 't', requestId: 'req-2' }, { body });
  assert.notEqual((await log.entry(r3.index))!.bodyHash, leaf.bodyHash);
  await assert.rejects(log.append({ kind: 'request', time: 't' }, { body }), /requestId/);
  await assert.rejects(log.append({ kind: 'alert', time: 't', detail: { n: 1n } }), TypeError);
  // A body stored on its own still opens to the hash the caller commits to.
  const separate = await log.putBody('req-3', 'response', 'streamed reply');
  const opened = (await log.getBody('req-3', 'response'))!;
  assert.equal(bodyHash(opened.salt, opened.body), separate);
  await log.close();
});

test('a reopened log continues the same tree; two writers on one file keep one chain', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-log-'));
  try {
    const file = join(dir, 'audit.db');
    const a = await AuditLog.open(new SqliteAuditStorage(file), keys.signerKey);
    const b = await AuditLog.open(new SqliteAuditStorage(file), keys.signerKey);
    const receipts = [];
    for (let i = 0; i < 40; i++) receipts.push(await (i % 3 === 0 ? b : a).append(entry(i)));
    assert.deepEqual(receipts.map((r) => r.index), Array.from({ length: 40 }, (_, i) => i));
    assert.equal(await a.root(), await b.root());
    const older = openCheckpoint(await b.checkpoint(), verifier);
    await a.close();
    await b.close();

    const again = await AuditLog.open(new SqliteAuditStorage(file), keys.signerKey);
    assert.equal(await again.size(), 40);
    assert.equal(await again.root(), older.rootHash.toString('hex'));
    assert.equal((await again.append(entry(40))).index, 40);
    await again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a failed storage write rejects only that batch and leaves the tree unchanged', async () => {
  const storage = new SqliteAuditStorage(':memory:');
  const log = await AuditLog.open(storage, keys.signerKey);
  await log.append(entry(0));
  const real = storage.appendLeaves.bind(storage);
  storage.appendLeaves = async () => {
    throw new Error('disk full');
  };
  await assert.rejects(log.append(entry(1)), /disk full/);
  storage.appendLeaves = real;
  assert.equal((await log.append(entry(2))).index, 1);
  assert.equal(await log.size(), 2);
  await log.close();
});
