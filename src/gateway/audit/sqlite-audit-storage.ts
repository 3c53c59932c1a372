/**
 * Audit storage in SQLite (better-sqlite3): the default for one gateway process. Appends run in
 * an IMMEDIATE transaction, so even two processes on one file keep indices consecutive.
 */
import Database from 'better-sqlite3';
import type { AppendResult, AuditStorage, LeafToAppend, StoredBody, StoredCheckpoint, StoredLeaf } from './audit-storage.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_leaves (
  idx INTEGER PRIMARY KEY,
  entry TEXT NOT NULL,
  leaf_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit_checkpoints (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  size INTEGER NOT NULL,
  note TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit_bodies (
  request_id TEXT NOT NULL,
  part TEXT NOT NULL,
  salt BLOB NOT NULL,
  body BLOB NOT NULL,
  PRIMARY KEY (request_id, part)
);
`;

export class SqliteAuditStorage implements AuditStorage {
  private readonly db: Database.Database;
  private readonly ownsDb: boolean;
  private readonly appendTx: (knownSize: number, leaves: LeafToAppend[]) => AppendResult;
  private readonly stmts: ReturnType<typeof prepareStatements>;

  /**
   * `db` is a file path (opened in WAL mode), ':memory:', or an open better-sqlite3 database.
   * `exclusive`: this connection takes the file's write lock at once and keeps it (SQLite's
   * EXCLUSIVE locking mode), so no other connection can open the log while it is open.
   */
  constructor(db: string | Database.Database, opts: { exclusive?: boolean; synchronous?: 'NORMAL' | 'FULL' } = {}) {
    this.ownsDb = typeof db === 'string';
    this.db = typeof db === 'string' ? new Database(db) : db;
    if (this.ownsDb) {
      if (opts.exclusive) this.db.pragma('locking_mode = EXCLUSIVE');
      this.db.pragma(`busy_timeout = ${opts.exclusive ? 0 : 5000}`);
      this.db.pragma('journal_mode = WAL');
      // WAL + NORMAL survives a process crash; only a power cut can lose the last commits (FULL: not even that).
      this.db.pragma(`synchronous = ${opts.synchronous ?? 'NORMAL'}`);
      if (opts.exclusive) this.db.exec('BEGIN IMMEDIATE; COMMIT'); // take the lock now, not at the first append
    }
    this.db.exec(SCHEMA);
    this.stmts = prepareStatements(this.db);
    const tx = this.db.transaction((knownSize: number, leaves: LeafToAppend[]): AppendResult => {
      const firstIndex = this.stmts.count.get()!.n;
      const missed = firstIndex > knownSize ? this.stmts.hashesFrom.all(knownSize, firstIndex - knownSize).map((r) => r.leaf_hash) : [];
      leaves.forEach((l, i) => {
        this.stmts.insertLeaf.run(firstIndex + i, l.entry, l.leafHash);
        if (l.body) this.stmts.insertBody.run(l.body.requestId, l.body.part, l.body.salt, l.body.body);
      });
      return { firstIndex, missed };
    });
    this.appendTx = (knownSize, leaves) => tx.immediate(knownSize, leaves);
  }

  async appendLeaves(knownSize: number, leaves: LeafToAppend[]): Promise<AppendResult> {
    return this.appendTx(knownSize, leaves);
  }

  /** appendLeaves, synchronously: one transaction (for the journal's background copy). */
  appendInTransaction(knownSize: number, leaves: LeafToAppend[]): AppendResult {
    return this.appendTx(knownSize, leaves);
  }

  /** Number of stored leaves. */
  count(): number {
    return this.stmts.count.get()!.n;
  }

  async leafHashes(from: number, limit: number): Promise<string[]> {
    return this.stmts.hashesFrom.all(from, limit).map((r) => r.leaf_hash);
  }

  async readLeaves(from: number, limit: number): Promise<StoredLeaf[]> {
    return this.stmts.leavesFrom.all(from, limit).map((r) => ({ index: r.idx, entry: r.entry, leafHash: r.leaf_hash }));
  }

  async putCheckpoint(size: number, note: string): Promise<void> {
    this.stmts.insertCheckpoint.run(size, note, new Date().toISOString());
  }

  async checkpoints(): Promise<StoredCheckpoint[]> {
    return this.stmts.checkpoints.all().map((r) => ({ size: r.size, note: r.note, createdAt: r.created_at }));
  }

  async putBody(b: StoredBody): Promise<void> {
    this.stmts.insertBody.run(b.requestId, b.part, b.salt, b.body);
  }

  async getBody(requestId: string, part: string): Promise<StoredBody | undefined> {
    const r = this.stmts.getBody.get(requestId, part);
    return r && { requestId: r.request_id, part: r.part, salt: r.salt, body: r.body };
  }

  async close(): Promise<void> {
    if (this.ownsDb) this.db.close();
  }
}

function prepareStatements(db: Database.Database) {
  return {
    count: db.prepare<[], { n: number }>('SELECT COALESCE(MAX(idx) + 1, 0) AS n FROM audit_leaves'),
    hashesFrom: db.prepare<[number, number], { leaf_hash: string }>('SELECT leaf_hash FROM audit_leaves WHERE idx >= ? ORDER BY idx LIMIT ?'),
    leavesFrom: db.prepare<[number, number], { idx: number; entry: string; leaf_hash: string }>(
      'SELECT idx, entry, leaf_hash FROM audit_leaves WHERE idx >= ? ORDER BY idx LIMIT ?',
    ),
    insertLeaf: db.prepare('INSERT INTO audit_leaves (idx, entry, leaf_hash) VALUES (?, ?, ?)'),
    insertBody: db.prepare('INSERT OR REPLACE INTO audit_bodies (request_id, part, salt, body) VALUES (?, ?, ?, ?)'),
    getBody: db.prepare<[string, string], { request_id: string; part: string; salt: Buffer; body: Buffer }>(
      'SELECT request_id, part, salt, body FROM audit_bodies WHERE request_id = ? AND part = ?',
    ),
    insertCheckpoint: db.prepare('INSERT INTO audit_checkpoints (size, note, created_at) VALUES (?, ?, ?)'),
    checkpoints: db.prepare<[], { size: number; note: string; created_at: string }>('SELECT size, note, created_at FROM audit_checkpoints ORDER BY id'),
  };
}
