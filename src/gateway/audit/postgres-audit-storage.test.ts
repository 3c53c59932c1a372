import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditEntry } from '../contracts.js';
import { AuditLog } from './audit-log.js';
import { bodyHash } from './canonical.js';
import { openCheckpoint } from './checkpoint.js';
import { verifyConsistency, verifyInclusion } from './merkle.js';
import { PostgresAuditStorage } from './postgres-audit-storage.js';
import { generateSignerKey, parseVerifierKey } from './signed-note.js';
import { postgresUnavailable, startThrowawayPostgres, type ThrowawayPostgres } from './testing/throwaway-postgres.js';

const skip = postgresUnavailable();
if (skip) console.log(`# skipping Postgres audit storage tests: ${skip}`);

const keys = generateSignerKey('gateway.test/audit');
const verifier = parseVerifierKey(keys.verifierKey);
const unhex = (hs: string[]): Buffer[] => hs.map((h) => Buffer.from(h, 'hex'));
let server: ThrowawayPostgres | undefined;

before(async () => {
  if (!skip) server = await startThrowawayPostgres();
});
after(async () => {
  await server?.stop();
});

function entry(writer: string, i: number): AuditEntry {
  return { kind: 'request', time: new Date(1_700_000_000_000 + i).toISOString(), requestId: `${writer}-${i}`, detail: { writer, i } };
}

test('two gateway processes appending concurrently to one Postgres build one consistent log', { skip }, async () => {
  const [sa, sb] = await Promise.all([PostgresAuditStorage.connect(server!.connectionString), PostgresAuditStorage.connect(server!.connectionString)]);
  const a = await AuditLog.open(sa, keys.signerKey);
  const b = await AuditLog.open(sb, keys.signerKey);
  const N = 150;
  const early = openCheckpoint(await a.checkpoint(), verifier);
  const all = await Promise.all([
    ...Array.from({ length: N }, (_, i) => a.append(entry('a', i), { body: `body a ${i}` })),
    ...Array.from({ length: N }, (_, i) => b.append(entry('b', i))),
  ]);
  const indices = all.map((r) => r.index).sort((x, y) => x - y);
  assert.deepEqual(indices, Array.from({ length: 2 * N }, (_, i) => early.size + i), 'every index present exactly once');

  const cpA = openCheckpoint(await a.checkpoint(), verifier);
  const cpB = openCheckpoint(await b.checkpoint(), verifier);
  assert.equal(cpA.size, early.size + 2 * N);
  assert.ok(cpA.rootHash.equals(cpB.rootHash), 'both processes see the same root');
  verifyConsistency(early.size, cpA.size, early.rootHash, cpA.rootHash, unhex(await b.consistencyProof(early.size, cpA.size)));
  for (const r of all) {
    const proof = await (r.index % 2 ? a : b).inclusionProof(r.index, cpB.size);
    verifyInclusion(r.index, cpB.size, Buffer.from(r.leafHash, 'hex'), unhex(proof), cpB.rootHash);
  }
  // The stored leaf hashes are what a fresh reader rebuilds the tree from.
  const c = await AuditLog.open(await PostgresAuditStorage.connect(server!.connectionString), keys.signerKey);
  assert.equal(await c.root(), cpA.rootHash.toString('hex'));
  const leafA7 = (await c.entry(all[7].index))!;
  const stored = (await c.getBody('a-7', 'request'))!;
  assert.equal(stored.body.toString(), 'body a 7');
  assert.equal(bodyHash(stored.salt, stored.body), leafA7.bodyHash);
  assert.equal((await c.checkpoints()).length, 3);
  await Promise.all([a.close(), b.close(), c.close()]);
});

test('a writer that was idle picks up the other writer\'s leaves before its next append', { skip }, async () => {
  const a = await AuditLog.open(await PostgresAuditStorage.connect(server!.connectionString), keys.signerKey);
  const b = await AuditLog.open(await PostgresAuditStorage.connect(server!.connectionString), keys.signerKey);
  const start = await a.size();
  for (let i = 0; i < 5; i++) await a.append(entry('a2', i));
  const r = await b.append(entry('b2', 0));
  assert.equal(r.index, start + 5);
  assert.equal(await b.root(), await a.root());
  await Promise.all([a.close(), b.close()]);
});
