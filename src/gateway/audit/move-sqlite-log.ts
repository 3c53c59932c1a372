import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { SqliteAuditStorage } from './sqlite-audit-storage.js';

/**
 * Gateways before the audit log got a file of its own kept it in the grants file. On the first
 * start with a separate audit file, that log is copied over whole (leaves, checkpoints, bodies),
 * so its indices, checkpoints and the receipts grantees hold stay valid. The old tables are left
 * where they were (nothing is deleted). Returns how many leaves were copied.
 */
export function moveLogFromStore(storePath: string, auditPath: string): number {
  if (existsSync(auditPath) || !existsSync(storePath)) return 0;
  const old = new Database(storePath, { readonly: true, fileMustExist: true });
  let leaves = 0;
  try {
    const has = old.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'audit_leaves'").get() as { n: number };
    if (has.n) leaves = (old.prepare('SELECT count(*) AS n FROM audit_leaves').get() as { n: number }).n;
  } finally {
    old.close();
  }
  if (leaves === 0) return 0;
  new SqliteAuditStorage(auditPath).close(); // creates the schema
  const db = new Database(auditPath);
  try {
    db.prepare('ATTACH DATABASE ? AS old').run(storePath);
    db.transaction(() => {
      db.exec('INSERT INTO audit_leaves (idx, entry, leaf_hash) SELECT idx, entry, leaf_hash FROM old.audit_leaves');
      db.exec('INSERT INTO audit_checkpoints (id, size, note, created_at) SELECT id, size, note, created_at FROM old.audit_checkpoints');
      db.exec('INSERT INTO audit_bodies (request_id, part, salt, body) SELECT request_id, part, salt, body FROM old.audit_bodies');
    })();
    db.exec('DETACH DATABASE old');
  } finally {
    db.close();
  }
  return leaves;
}
