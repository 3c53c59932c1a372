import Database from 'better-sqlite3';
import type { BodyStore, StoredBody } from '../hooks.js';

/**
 * Bodies beside their audit hashes, in a SQLite table. Writes are batched: each put joins the
 * transaction flushed on the next turn of the event loop, so the hot path pays one commit per
 * batch instead of one per body. put() resolves once its batch is committed.
 */
export class SqliteBodyStore implements BodyStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly flushTx: (batch: StoredBody[]) => void;
  private batch: { body: StoredBody; done: (err?: unknown) => void }[] = [];

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS bodies (
      request_id TEXT NOT NULL, part TEXT NOT NULL, salt TEXT NOT NULL, content_type TEXT NOT NULL, body BLOB NOT NULL,
      PRIMARY KEY (request_id, part))`);
    this.insert = this.db.prepare(`INSERT OR REPLACE INTO bodies (request_id, part, salt, content_type, body) VALUES (?, ?, ?, ?, ?)`);
    this.flushTx = this.db.transaction((batch: StoredBody[]) => {
      for (const b of batch) this.insert.run(b.requestId, b.part, b.salt, b.contentType, b.body);
    });
  }

  put(body: StoredBody): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.batch.length === 0) setImmediate(() => this.flush());
      this.batch.push({ body, done: (err) => (err ? reject(err) : resolve()) });
    });
  }

  /** The stored body and salt, for checking a leaf's bodyHash. */
  get(requestId: string, part: 'request' | 'response'): StoredBody | null {
    const row = this.db.prepare(`SELECT * FROM bodies WHERE request_id = ? AND part = ?`).get(requestId, part) as any;
    return row ? { requestId, part, salt: row.salt, contentType: row.content_type, body: row.body } : null;
  }

  async close(): Promise<void> {
    this.flush();
    if (this.db.open) this.db.close();
  }

  private flush(): void {
    const batch = this.batch;
    this.batch = [];
    if (!batch.length || !this.db.open) return;
    try {
      this.flushTx(batch.map((b) => b.body));
      for (const b of batch) b.done();
    } catch (err) {
      for (const b of batch) b.done(err);
    }
  }
}
