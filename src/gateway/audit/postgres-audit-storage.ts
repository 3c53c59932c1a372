/**
 * Audit storage in PostgreSQL, for several gateway processes sharing one log. Every append is a
 * single call to a plpgsql function that takes a transaction-level advisory lock, reads the next
 * index, returns the leaves other processes added since the caller's last look, and inserts the
 * batch: one round trip, indices consecutive, the tree a single chain.
 */
import pg from 'pg';
import type { AppendResult, AuditStorage, LeafToAppend, StoredBody, StoredCheckpoint, StoredLeaf } from './audit-storage.js';

/** Advisory lock keys (arbitrary constants; "xaud" and "xaui" in ASCII). */
const APPEND_LOCK = 0x78617564;
const SCHEMA_LOCK = 0x78617569;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_leaves (
  idx BIGINT PRIMARY KEY,
  entry TEXT NOT NULL,
  leaf_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit_checkpoints (
  id BIGSERIAL PRIMARY KEY,
  size BIGINT NOT NULL,
  note TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS audit_bodies (
  request_id TEXT NOT NULL,
  part TEXT NOT NULL,
  salt BYTEA NOT NULL,
  body BYTEA NOT NULL,
  PRIMARY KEY (request_id, part)
);
-- Returns the leaves stored since known_size, then one row (first_idx, NULL) giving the index of
-- the first inserted leaf. Each statement of a volatile function sees a fresh snapshot, so after
-- the lock the MAX(idx) read includes every commit of the previous lock holder.
CREATE OR REPLACE FUNCTION crosscheck_audit_append(
  known_size BIGINT, entries TEXT[], leaf_hashes TEXT[],
  body_ids TEXT[], body_parts TEXT[], body_salts BYTEA[], body_data BYTEA[]
) RETURNS TABLE (out_idx BIGINT, out_hash TEXT) LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE first_idx BIGINT;
BEGIN
  PERFORM pg_advisory_xact_lock(${APPEND_LOCK});
  SELECT COALESCE(MAX(l.idx) + 1, 0) INTO first_idx FROM audit_leaves l;
  RETURN QUERY SELECT l.idx, l.leaf_hash FROM audit_leaves l WHERE l.idx >= known_size ORDER BY l.idx;
  INSERT INTO audit_leaves (idx, entry, leaf_hash)
    SELECT first_idx + i - 1, entries[i], leaf_hashes[i] FROM generate_subscripts(entries, 1) AS i;
  INSERT INTO audit_bodies (request_id, part, salt, body)
    SELECT body_ids[i], body_parts[i], body_salts[i], body_data[i] FROM generate_subscripts(body_ids, 1) AS i
    ON CONFLICT (request_id, part) DO UPDATE SET salt = EXCLUDED.salt, body = EXCLUDED.body;
  RETURN QUERY SELECT first_idx, NULL::TEXT;
END
$fn$;
`;

export class PostgresAuditStorage implements AuditStorage {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly ownsPool: boolean,
  ) {}

  /** Connects (a connection string opens a small pool of its own) and creates the tables. */
  static async connect(target: string | pg.Pool): Promise<PostgresAuditStorage> {
    const ownsPool = typeof target === 'string';
    const pool = typeof target === 'string' ? new pg.Pool({ connectionString: target, max: 4 }) : target;
    const storage = new PostgresAuditStorage(pool, ownsPool);
    try {
      await storage.createSchema();
    } catch (e) {
      if (ownsPool) await pool.end();
      throw e;
    }
    return storage;
  }

  private async createSchema(): Promise<void> {
    const client = await this.pool.connect();
    try {
      // Two gateways starting together must not race on CREATE OR REPLACE FUNCTION.
      await client.query('BEGIN');
      await client.query(`SELECT pg_advisory_xact_lock(${SCHEMA_LOCK})`);
      await client.query(SCHEMA);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async appendLeaves(knownSize: number, leaves: LeafToAppend[]): Promise<AppendResult> {
    const bodies = leaves.flatMap((l) => (l.body ? [l.body] : []));
    const { rows } = await this.pool.query<{ out_idx: string; out_hash: string | null }>({
      name: 'crosscheck_audit_append',
      text: 'SELECT out_idx, out_hash FROM crosscheck_audit_append($1, $2, $3, $4, $5, $6, $7)',
      values: [
        knownSize,
        leaves.map((l) => l.entry),
        leaves.map((l) => l.leafHash),
        bodies.map((b) => b.requestId),
        bodies.map((b) => b.part),
        bodies.map((b) => b.salt),
        bodies.map((b) => b.body),
      ],
    });
    const last = rows.pop();
    if (!last || last.out_hash !== null) throw new Error('crosscheck_audit_append returned no first index');
    return { firstIndex: Number(last.out_idx), missed: rows.map((r) => r.out_hash!) };
  }

  async leafHashes(from: number, limit: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ leaf_hash: string }>({
      name: 'crosscheck_audit_hashes',
      text: 'SELECT leaf_hash FROM audit_leaves WHERE idx >= $1 ORDER BY idx LIMIT $2',
      values: [from, limit],
    });
    return rows.map((r) => r.leaf_hash);
  }

  async readLeaves(from: number, limit: number): Promise<StoredLeaf[]> {
    const { rows } = await this.pool.query<{ idx: string; entry: string; leaf_hash: string }>(
      'SELECT idx, entry, leaf_hash FROM audit_leaves WHERE idx >= $1 ORDER BY idx LIMIT $2',
      [from, limit],
    );
    return rows.map((r) => ({ index: Number(r.idx), entry: r.entry, leafHash: r.leaf_hash }));
  }

  async putCheckpoint(size: number, note: string): Promise<void> {
    await this.pool.query('INSERT INTO audit_checkpoints (size, note) VALUES ($1, $2)', [size, note]);
  }

  async checkpoints(): Promise<StoredCheckpoint[]> {
    const { rows } = await this.pool.query<{ size: string; note: string; created_at: Date }>(
      'SELECT size, note, created_at FROM audit_checkpoints ORDER BY id',
    );
    return rows.map((r) => ({ size: Number(r.size), note: r.note, createdAt: r.created_at.toISOString() }));
  }

  async putBody(b: StoredBody): Promise<void> {
    await this.pool.query(
      `INSERT INTO audit_bodies (request_id, part, salt, body) VALUES ($1, $2, $3, $4)
       ON CONFLICT (request_id, part) DO UPDATE SET salt = EXCLUDED.salt, body = EXCLUDED.body`,
      [b.requestId, b.part, b.salt, b.body],
    );
  }

  async getBody(requestId: string, part: string): Promise<StoredBody | undefined> {
    const { rows } = await this.pool.query<{ salt: Buffer; body: Buffer }>(
      'SELECT salt, body FROM audit_bodies WHERE request_id = $1 AND part = $2',
      [requestId, part],
    );
    return rows[0] && { requestId, part, salt: rows[0].salt, body: rows[0].body };
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }
}
