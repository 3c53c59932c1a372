import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog } from './audit-log.js';
import { auditExportCommand } from './audit-export-command.js';
import { JournaledAuditStorage } from './journaled-audit-storage.js';
import { readLogFile } from './log-export.js';
import { generateSignerKey } from './signed-note.js';
import { verifyLogFile } from './verify.js';

test('audit export --db: a stopped gateway\'s whole log, which then verifies leaf by leaf', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-export-'));
  try {
    const keys = generateSignerKey('gateway.test/export');
    const db = join(dir, 'gateway-audit.db');
    const log = await AuditLog.open(JournaledAuditStorage.open(db), keys.signerKey);
    const receipts = [];
    for (let i = 0; i < 1500; i++) receipts.push(await log.append({ kind: 'request', time: 't', requestId: `r${i}` }, { commit: 'turn', sign: i % 100 === 0 }));
    const checkpoint = await log.checkpoint();
    await log.close();
    const lines: string[] = [];
    assert.equal(await auditExportCommand(['--db', db, '--out', join(dir, 'log.jsonl')], (l) => lines.push(l)), 0);
    assert.match(lines[0], /1500 leaves and 1 checkpoints/);
    assert.equal(statSync(join(dir, 'log.jsonl')).mode & 0o777, 0o600);
    const exported = await readLogFile(join(dir, 'log.jsonl'));
    assert.equal(exported.origin, 'gateway.test/export');
    const report = verifyLogFile(exported, { checkpoints: [checkpoint], receipts, verifierKey: keys.verifierKey });
    assert.deepEqual(report.problems, []);
    assert.equal(report.checked.signedReceipts, 15);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
