import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../../core/errors.js';
import type { Grant, GrantLimits, GrantStatus, UsageTotals } from '../grants/grant.js';
import type { GatewayStore, GrantWithUsage } from './gateway-store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS grants (
  id TEXT PRIMARY KEY,
  key_hash TEXT NOT NULL UNIQUE,
  grantee TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  body TEXT NOT NULL              -- the rest of the grant as JSON
);
CREATE TABLE IF NOT EXISTS monitor_docs (
  key TEXT PRIMARY KEY,           -- e.g. prompts:GRANT_ID, monitor:grant:GRANT_ID
  value TEXT NOT NULL             -- JSON
);
CREATE TABLE IF NOT EXISTS grant_usage (
  grant_id TEXT PRIMARY KEY REFERENCES grants(id),
  requests INTEGER NOT NULL DEFAULT 0,
  input_tokens INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0
);
`;

interface Row {
  id: string;
  key_hash: string;
  status: GrantStatus;
  body: string;
  requests: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
}

const SELECT = `SELECT g.id, g.key_hash, g.status, g.body, u.requests, u.input_tokens, u.output_tokens
  FROM grants g LEFT JOIN grant_usage u ON u.grant_id = g.id`;

/** How long usage deltas wait in memory before they are committed together. */
export const USAGE_FLUSH_MS = 100;

/**
 * Longest a cached key lookup is trusted before the file is asked whether another process has
 * committed (PRAGMA data_version). That question takes a shared-memory lock and unlock (two
 * fcntl calls), about a tenth of the gateway's own time per call when it was asked every time.
 */
export const FOREIGN_CHANGE_CHECK_MS = 100;

/**
 * The SQLite GatewayStore (WAL, so other processes can read and change grants in the same file).
 * Usage is added in batches: deltas wait in memory for up to USAGE_FLUSH_MS and are committed
 * together (a commit per call cost more than the rest of the lookup path), and reads through this
 * store include the waiting deltas, so the gateway itself never sees stale totals. A crash loses
 * at most that window of usage totals; every call's tokens are also in its audit response leaf.
 *
 * Key lookups are cached. This store drops the cache on its own writes, so a revocation through
 * this gateway (the admin API, the CLI) is seen by the very next request; a change another
 * process commits to the file is seen within FOREIGN_CHANGE_CHECK_MS (PRAGMA data_version moves
 * when another connection commits). Cached grants are frozen and shared, not copied per call.
 */
export class SqliteGatewayStore implements GatewayStore {
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly pendingUsage = new Map<string, UsageTotals>();
  private readonly flushUsageTx: () => void;
  /** Rows by key hash, valid while `cachedVersion` is the file's data_version. */
  private readonly rowsByKeyHash = new Map<string, Row>();
  private cachedVersion = -1;
  /** When data_version was last read (ms, monotonic). */
  private versionCheckedAt = -Infinity;
  /** Parsed grants by id, reused while the stored JSON is unchanged (saves a parse per request). */
  private readonly parsed = new Map<string, { body: string; grant: Grant }>();

  constructor(readonly path: string) {
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      this.db = new Database(path);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('busy_timeout = 5000');
      this.db.exec(SCHEMA);
    } catch (err) {
      throw new ConfigError(`cannot open gateway store ${path}: ${(err as Error).message}`);
    }
    const db = this.db;
    this.stmts = {
      insert: db.prepare(`INSERT INTO grants (id, key_hash, grantee, status, created_at, expires_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      insertUsage: db.prepare(`INSERT INTO grant_usage (grant_id) VALUES (?)`),
      byKeyHash: db.prepare(`${SELECT} WHERE g.key_hash = ?`),
      byId: db.prepare(`${SELECT} WHERE g.id = ?`),
      list: db.prepare(`${SELECT} ORDER BY g.created_at, g.id`),
      update: db.prepare(`UPDATE grants SET status = ?, body = ? WHERE id = ?`),
      dataVersion: db.prepare('PRAGMA data_version').pluck(),
      putDoc: db.prepare('INSERT INTO monitor_docs (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      getDoc: db.prepare('SELECT value FROM monitor_docs WHERE key = ?').pluck(),
      listDocs: db.prepare("SELECT key, value FROM monitor_docs WHERE substr(key, 1, length(?)) = ? ORDER BY key"),
      addUsage: db.prepare(
        `UPDATE grant_usage SET requests = requests + ?, input_tokens = input_tokens + ?, output_tokens = output_tokens + ? WHERE grant_id = ?`,
      ),
    };
    this.flushUsageTx = db.transaction(() => {
      for (const [id, u] of this.pendingUsage) this.stmts.addUsage.run(u.requests, u.inputTokens, u.outputTokens, id);
      this.pendingUsage.clear();
      this.rowsByKeyHash.clear(); // their usage columns are now behind
    });
  }

  async createGrant(grant: Grant, keyHash: string): Promise<void> {
    this.rowsByKeyHash.clear();
    this.db.transaction(() => {
      this.stmts.insert.run(grant.id, keyHash, grant.grantee, grant.status, grant.createdAt, grant.expiresAt, JSON.stringify(grant));
      this.stmts.insertUsage.run(grant.id);
    })();
  }

  async findByKeyHash(keyHash: string) {
    const now = performance.now();
    if (now - this.versionCheckedAt >= FOREIGN_CHANGE_CHECK_MS) {
      this.versionCheckedAt = now;
      const version = this.stmts.dataVersion.get() as number;
      if (version !== this.cachedVersion) {
        this.rowsByKeyHash.clear();
        this.cachedVersion = version;
      }
    }
    let row = this.rowsByKeyHash.get(keyHash);
    if (!row) {
      row = this.stmts.byKeyHash.get(keyHash) as Row | undefined;
      if (!row) return null; // unknown keys are not cached: anyone can send them
      this.rowsByKeyHash.set(keyHash, row);
    }
    const { grant, usage } = this.fromRow(row);
    return { grant, usage, keyHash: row.key_hash };
  }

  async getGrant(id: string): Promise<GrantWithUsage | null> {
    const row = this.stmts.byId.get(id) as Row | undefined;
    return row ? this.fromRow(row) : null;
  }

  async listGrants(): Promise<GrantWithUsage[]> {
    return (this.stmts.list.all() as Row[]).map((r) => this.fromRow(r));
  }

  async setStatus(id: string, status: GrantStatus, reason: string, at: string): Promise<Grant | null> {
    return this.change(id, (g) => ({ ...g, status, statusReason: reason, statusChangedAt: at }));
  }

  async setLimits(id: string, limits: GrantLimits, extra: Pick<Grant, 'limitsBeforeThrottle'> = {}): Promise<Grant | null> {
    return this.change(id, (g) => ({ ...g, limits, ...extra }));
  }

  async addUsage(id: string, u: UsageTotals): Promise<void> {
    if (this.pendingUsage.size === 0) setTimeout(() => this.flushUsage(), USAGE_FLUSH_MS).unref();
    const p = this.pendingUsage.get(id);
    if (p) {
      p.requests += u.requests;
      p.inputTokens += u.inputTokens;
      p.outputTokens += u.outputTokens;
    } else {
      this.pendingUsage.set(id, { ...u });
    }
  }

  async putMonitorDocs(docs: Map<string, string>): Promise<void> {
    if (docs.size === 0) return;
    // Monitor documents are not grants: the key lookup cache stays valid.
    this.db.transaction(() => {
      for (const [key, value] of docs) this.stmts.putDoc.run(key, value);
    })();
  }

  async getMonitorDoc(key: string): Promise<string | null> {
    return (this.stmts.getDoc.get(key) as string | undefined) ?? null;
  }

  async listMonitorDocs(prefix: string): Promise<{ key: string; value: string }[]> {
    return this.stmts.listDocs.all(prefix, prefix) as { key: string; value: string }[];
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.flushUsage();
    this.db.close();
  }

  private flushUsage(): void {
    if (this.pendingUsage.size && this.db.open) this.flushUsageTx();
  }

  private fromRow(row: Row): GrantWithUsage {
    let cached = this.parsed.get(row.id);
    if (!cached || cached.body !== row.body || cached.grant.status !== row.status) {
      const grant = JSON.parse(row.body) as Grant;
      grant.status = row.status;
      cached = { body: row.body, grant: deepFreeze(grant) };
      this.parsed.set(row.id, cached);
    }
    const p = this.pendingUsage.get(row.id);
    const usage = {
      requests: (row.requests ?? 0) + (p?.requests ?? 0),
      inputTokens: (row.input_tokens ?? 0) + (p?.inputTokens ?? 0),
      outputTokens: (row.output_tokens ?? 0) + (p?.outputTokens ?? 0),
    };
    return { grant: cached.grant, usage };
  }

  /** Read-modify-write in one transaction, so two changes never lose each other. */
  private change(id: string, edit: (g: Grant) => Grant): Grant | null {
    this.rowsByKeyHash.clear();
    return this.db.transaction(() => {
      const row = this.stmts.byId.get(id) as Row | undefined;
      if (!row) return null;
      const next = edit(JSON.parse(row.body) as Grant);
      this.stmts.update.run(next.status, JSON.stringify(next), id);
      return next;
    })();
  }
}

/** Frozen all the way down, so one parsed grant can be handed to every caller. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
