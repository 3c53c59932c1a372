import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { packageRoot } from '../../core/package-root.js';
import { SqliteStore } from '../../store/sqlite-store.js';

/** Test helper: a fresh store file holding the golden fixture run (hallucination-run.sql); its id is in run-id.txt. */
export function goldenStore(): SqliteStore {
  const path = join(mkdtempSync(join(tmpdir(), 'cc-golden-')), 'golden.db');
  const db = new Database(path);
  db.exec(readFileSync(join(packageRoot(), 'src', 'report', 'golden', 'hallucination-run.sql'), 'utf8'));
  db.close();
  return new SqliteStore(path);
}
