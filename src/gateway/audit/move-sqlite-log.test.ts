import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditFile } from '../cli/gateway-parts.js';
import { AuditLog } from './audit-log.js';
import { JournaledAuditStorage } from './journaled-audit-storage.js';
import { moveLogFromStore } from './move-sqlite-log.js';
import { generateSignerKey } from './signed-note.js';
import { SqliteAuditStorage } from './sqlite-audit-storage.js';

const keys = generateSignerKey('gateway.test/move');

test('a log kept in the grants file moves to its own file whole, once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-move-'));
  try {
    const store = join(dir, 'gateway.db');
    const target = auditFile(store, {});
    assert.equal(target, join(dir, 'gateway-audit.db'));
    assert.equal(auditFile(store, { sqlite: 'logs/a.db' }), join(dir, 'logs', 'a.db'));

    const old = await AuditLog.open(new SqliteAuditStorage(store), keys.signerKey);
    for (let i = 0; i < 6; i++) await old.append({ kind: 'request', time: `t${i}`, requestId: `r${i}` }, { body: `body ${i}` });
    const note = await old.checkpoint();
    const root = await old.root();
    await old.close();

    assert.equal(moveLogFromStore(store, target), 6);
    const moved = await AuditLog.open(JournaledAuditStorage.open(target), keys.signerKey);
    assert.equal(await moved.size(), 6);
    assert.equal(await moved.root(), root);
    assert.deepEqual(await moved.checkpoints(), [note]);
    assert.equal((await moved.getBody('r4', 'request'))!.body.toString(), 'body 4');
    assert.equal((await moved.append({ kind: 'request', time: 't6' })).index, 6);
    await moved.close();
    assert.equal(moveLogFromStore(store, target), 0, 'not again once the log has its own file');
    assert.equal(moveLogFromStore(join(dir, 'fresh.db'), join(dir, 'fresh-audit.db')), 0, 'nothing to move for a new store');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
