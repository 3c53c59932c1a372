import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry, AuditReceipt } from '../contracts.js';
import { AuditLog } from './audit-log.js';
import { entryLeafHash } from './canonical.js';
import { signCheckpoint } from './checkpoint.js';
import { exportLog, readLogFile } from './log-export.js';
import { generateSignerKey, parseSignerKey } from './signed-note.js';
import { SqliteAuditStorage } from './sqlite-audit-storage.js';
import { verifyAudit, verifyLogFile, type AuditProblemKind, type AuditReport, type ExportedLog } from './verify.js';

const keys = generateSignerKey('gateway.lab-a.example/audit');
const entry = (i: number, tag = 'x'): AuditEntry => ({ kind: i % 2 ? 'response' : 'request', time: `2025-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`, grantId: 'g1', requestId: `r${i >> 1}`, detail: { i, tag } });

/** A log with `n` entries and the checkpoints the grantee saved along the way. */
async function grantorLog(n: number, checkpointAt: number[], tag = 'x'): Promise<{ log: AuditLog; receipts: AuditReceipt[]; checkpoints: string[] }> {
  const log = await AuditLog.open(new SqliteAuditStorage(':memory:'), keys.signerKey);
  const receipts: AuditReceipt[] = [];
  const checkpoints: string[] = [];
  for (let i = 0; i < n; i++) {
    receipts.push(await log.append(entry(i, i < 5 ? 'x' : tag)));
    if (checkpointAt.includes(i + 1)) checkpoints.push(await log.checkpoint());
  }
  return { log, receipts, checkpoints };
}

async function exported(log: AuditLog): Promise<ExportedLog> {
  const dir = mkdtempSync(join(tmpdir(), 'audit-verify-'));
  try {
    const file = join(dir, 'log.jsonl');
    await exportLog(log, file);
    return await readLogFile(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const kinds = (r: AuditReport): AuditProblemKind[] => [...new Set(r.problems.map((p) => p.kind))].sort();
const clone = (l: ExportedLog): ExportedLog => structuredClone(l);

test('an honest log verifies offline and online', async () => {
  const { log, receipts, checkpoints } = await grantorLog(20, [7, 20]);
  const file = await exported(log);
  const offline = verifyLogFile(file, { checkpoints, receipts, verifierKey: keys.verifierKey });
  assert.deepEqual(offline.problems, []);
  assert.equal(offline.ok, true);
  assert.equal(offline.checked.leaves, 20);
  const online = await verifyAudit({ checkpoints, receipts, verifierKey: log.verifierKey, proofs: log });
  assert.deepEqual(online.problems, []);
  assert.equal(online.latestSize, 20);
});

test('an edited leaf is detected, whether or not the editor recomputed its hash', async () => {
  const { log, receipts, checkpoints } = await grantorLog(12, [12]);
  const file = await exported(log);

  const naive = clone(file);
  naive.leaves[4].entry.detail = { i: 4, tag: 'changed' };
  assert.ok(kinds(verifyLogFile(naive, { checkpoints, receipts, verifierKey: keys.verifierKey })).includes('edited_leaf'));

  const careful = clone(file);
  careful.leaves[4].entry.detail = { i: 4, tag: 'changed' };
  careful.leaves[4].leafHash = entryLeafHash(careful.leaves[4].entry);
  const r = verifyLogFile(careful, { checkpoints, receipts, verifierKey: keys.verifierKey });
  assert.deepEqual(kinds(r), ['edited_leaf', 'inconsistent_checkpoints']);
  assert.match(r.problems.find((p) => p.kind === 'edited_leaf')!.detail, /leaf 4 differs from your receipt/);
  // Even without receipts, the signed tree head exposes it.
  assert.deepEqual(kinds(verifyLogFile(careful, { checkpoints, receipts: [], verifierKey: keys.verifierKey })), ['inconsistent_checkpoints']);
});

test('a deleted leaf is detected, with or without renumbering', async () => {
  const { log, receipts, checkpoints } = await grantorLog(12, [12]);
  const file = await exported(log);

  const gap = clone(file);
  gap.leaves.splice(6, 1);
  const r1 = verifyLogFile(gap, { checkpoints, receipts, verifierKey: keys.verifierKey });
  assert.ok(kinds(r1).includes('missing_leaf'));
  assert.ok(r1.problems.some((p) => /no leaf with index 6/.test(p.detail)));

  const renumbered = clone(file);
  renumbered.leaves.splice(6, 1);
  renumbered.leaves.forEach((l, i) => (l.index = i));
  renumbered.size = 11;
  assert.ok(kinds(verifyLogFile(renumbered, { checkpoints, receipts, verifierKey: keys.verifierKey })).includes('missing_leaf'));
});

test('reordered leaves are detected, in the file or in the stored rows', async () => {
  const { log, receipts, checkpoints } = await grantorLog(12, [12]);
  const file = await exported(log);

  const lines = clone(file);
  [lines.leaves[3], lines.leaves[8]] = [lines.leaves[8], lines.leaves[3]];
  assert.ok(kinds(verifyLogFile(lines, { checkpoints, receipts, verifierKey: keys.verifierKey })).includes('reordered_leaves'));

  const rows = clone(file);
  const [e3, h3] = [rows.leaves[3].entry, rows.leaves[3].leafHash];
  [rows.leaves[3].entry, rows.leaves[3].leafHash] = [rows.leaves[8].entry, rows.leaves[8].leafHash];
  [rows.leaves[8].entry, rows.leaves[8].leafHash] = [e3, h3];
  const r = verifyLogFile(rows, { checkpoints, receipts, verifierKey: keys.verifierKey });
  assert.ok(kinds(r).includes('reordered_leaves'));
  assert.ok(r.problems.some((p) => /receipt 3: its leaf is at index 8/.test(p.detail)));
});

test('forks are detected: same size with two roots, or a later head that does not extend an earlier one', async () => {
  const honest = await grantorLog(10, [10]);
  // The same gateway key signs a second history that diverges after leaf 5.
  const forked = await grantorLog(15, [10, 15], 'other');
  const held = [honest.checkpoints[0], forked.checkpoints[1]];

  const sameSize = verifyLogFile(await exported(honest.log), { checkpoints: [honest.checkpoints[0], forked.checkpoints[0]], receipts: [], verifierKey: keys.verifierKey });
  assert.ok(kinds(sameSize).includes('fork'));
  assert.ok(sameSize.problems.some((p) => /both signed for size 10/.test(p.detail)));

  const offline = verifyLogFile(await exported(forked.log), { checkpoints: held, receipts: [], verifierKey: keys.verifierKey });
  assert.ok(kinds(offline).includes('fork'));

  const online = await verifyAudit({ checkpoints: held, receipts: [], verifierKey: keys.verifierKey, proofs: forked.log });
  assert.deepEqual(kinds(online), ['fork']);
  const onlineSame = await verifyAudit({ checkpoints: [honest.checkpoints[0], forked.checkpoints[0]], receipts: [], verifierKey: keys.verifierKey, proofs: forked.log });
  assert.ok(kinds(onlineSame).includes('fork'));
});

test('a receipt whose leaf is absent from the signed log is reported', async () => {
  const { log, receipts, checkpoints } = await grantorLog(10, [10]);
  // The gateway handed out a receipt for a call it never logged.
  const phantom: AuditReceipt = { index: 4, leafHash: entryLeafHash(entry(99)) };
  const offline = verifyLogFile(await exported(log), { checkpoints, receipts: [...receipts, phantom], verifierKey: keys.verifierKey });
  assert.deepEqual(kinds(offline), ['receipt_not_included']);
  const online = await verifyAudit({ checkpoints, receipts: [...receipts, phantom], verifierKey: keys.verifierKey, proofs: log });
  assert.deepEqual(kinds(online), ['receipt_not_included']);
  // A receipt beyond every checkpoint is not a problem yet, only unproven.
  const later = await log.append(entry(10));
  const pending = await verifyAudit({ checkpoints, receipts: [later], verifierKey: keys.verifierKey, proofs: log });
  assert.equal(pending.ok, true);
  assert.ok(pending.notes.some((n) => /newer than every checkpoint/.test(n)), pending.notes.join('\n'));
});

test('bad signatures: altered checkpoint, another key, and a lying proof source', async () => {
  const { log, receipts, checkpoints } = await grantorLog(10, [5, 10]);
  const altered = checkpoints[1].replace('\n10\n', '\n11\n');
  const impostor = signCheckpoint(10, Buffer.alloc(32, 1), parseSignerKey(generateSignerKey('gateway.lab-a.example/audit').signerKey));
  const r = verifyLogFile(await exported(log), { checkpoints: [checkpoints[0], altered, impostor], receipts, verifierKey: keys.verifierKey });
  assert.deepEqual(kinds(r), ['bad_signature']);
  assert.equal(r.problems.length, 2);

  const liar = {
    inclusionProof: async (i: number, n: number) => (await log.inclusionProof(i, n)).map(() => '00'.repeat(32)),
    consistencyProof: async (m: number, n: number) => (await log.consistencyProof(m, n)).reverse(),
  };
  const online = await verifyAudit({ checkpoints, receipts, verifierKey: keys.verifierKey, proofs: liar });
  assert.deepEqual(kinds(online), ['fork', 'receipt_not_included']);
});
