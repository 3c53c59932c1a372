import pg from 'pg';
import { redactUrl } from '../redact-url.js';
import { ConfigError } from '../../core/errors.js';
import type { Grant, GrantLimits, GrantStatus, UsageTotals } from '../grants/grant.js';
import type { GatewayStore, GrantWithUsage } from './gateway-store.js';

/** Advisory lock key for schema creation ("xgws" in ASCII): two gateways starting together must not race on CREATE TABLE. */
const SCHEMA_LOCK = 0x78677773;

// Table names carry a gateway_ prefix: the evaluation store may share the database.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS gateway_grants (
  id TEXT PRIMARY KEY,
  key_hash TEXT NOT NULL UNIQUE,
  grantee TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  body TEXT NOT NULL              -- the rest of the grant as JSON
);
CREATE TABLE IF NOT EXISTS gateway_monitor_docs (
  key TEXT PRIMARY KEY,           -- e.g. prompts:GRANT_ID, monitor:grant:GRANT_ID
  value TEXT NOT NULL             -- JSON
);
CREATE TABLE IF NOT EXISTS gateway_grant_usage (
  grant_id TEXT PRIMARY KEY REFERENCES gateway_grants(id),
  requests BIGINT NOT NULL DEFAULT 0,
  input_tokens BIGINT NOT NULL DEFAULT 0,
  output_tokens BIGINT NOT NULL DEFAULT 0
);
`;

interface Row {
  id: string;
  key_hash: string;
  status: GrantStatus;
  body: string;
  /** BIGINT arrives as a string. */
  requests: string | null;
  input_tokens: string | null;
  output_tokens: string | null;
}

const SELECT = `SELECT g.id, g.key_hash, g.status, g.body, u.requests, u.input_tokens, u.output_tokens
  FROM gateway_grants g LEFT JOIN gateway_grant_usage u ON u.grant_id = g.id`;

export interface PostgresGatewayStoreOptions {
  /** Pool size when connecting by URL. Default 10. */
  max?: number;
  /** Where errors of idle pooled connections go (without a listener they would crash the process). Default: ignored. */
  onError?: (err: Error) => void;
}

/**
 * The GatewayStore in PostgreSQL, for several gateway processes sharing one set of grants.
 *
 * Nothing is cached: every findByKeyHash is one indexed query, so a revocation committed by any
 * process is seen by the very next request everywhere (the issue asks for within one second).
 * Usage is added with one `UPDATE ... SET x = x + $n` per settled call and addUsage resolves
 * only after it is committed: the gateway releases the quota hold right after, and another
 * instance checking the lifetime total must then see the usage (see QuotaStore).
 */
export class PostgresGatewayStore implements GatewayStore {
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly ownsPool: boolean,
  ) {}

  /** Connects (a URL opens a pool of its own) and creates the tables if missing. */
  static async connect(target: string | pg.Pool, opts: PostgresGatewayStoreOptions = {}): Promise<PostgresGatewayStore> {
    const ownsPool = typeof target === 'string';
    const pool = typeof target === 'string' ? new pg.Pool({ connectionString: target, max: opts.max ?? 10 }) : target;
    if (ownsPool) pool.on('error', opts.onError ?? (() => undefined));
    const store = new PostgresGatewayStore(pool, ownsPool);
    try {
      await store.createSchema();
    } catch (err) {
      if (ownsPool) await pool.end();
      throw new ConfigError(`cannot open gateway store ${redactUrl(typeof target === 'string' ? target : 'pool', 'postgres store')}: ${(err as Error).message}`);
    }
    return store;
  }

  private async createSchema(): Promise<void> {
    await this.transaction(async (c) => {
      await c.query(`SELECT pg_advisory_xact_lock(${SCHEMA_LOCK})`);
      await c.query(SCHEMA);
    });
  }

  async createGrant(grant: Grant, keyHash: string): Promise<void> {
    await this.transaction(async (c) => {
      await c.query(`INSERT INTO gateway_grants (id, key_hash, grantee, status, created_at, expires_at, body) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        grant.id, keyHash, grant.grantee, grant.status, grant.createdAt, grant.expiresAt, JSON.stringify(grant),
      ]);
      await c.query(`INSERT INTO gateway_grant_usage (grant_id) VALUES ($1)`, [grant.id]);
    });
  }

  async findByKeyHash(keyHash: string): Promise<(GrantWithUsage & { keyHash: string }) | null> {
    const { rows } = await this.pool.query<Row>({ name: 'gw_by_key_hash', text: `${SELECT} WHERE g.key_hash = $1`, values: [keyHash] });
    return rows[0] ? { ...fromRow(rows[0]), keyHash: rows[0].key_hash } : null;
  }

  async getGrant(id: string): Promise<GrantWithUsage | null> {
    const { rows } = await this.pool.query<Row>({ name: 'gw_by_id', text: `${SELECT} WHERE g.id = $1`, values: [id] });
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async listGrants(): Promise<GrantWithUsage[]> {
    const { rows } = await this.pool.query<Row>(`${SELECT} ORDER BY g.created_at, g.id`);
    return rows.map(fromRow);
  }

  async setStatus(id: string, status: GrantStatus, reason: string, at: string): Promise<Grant | null> {
    return this.change(id, (g) => ({ ...g, status, statusReason: reason, statusChangedAt: at }));
  }

  async setLimits(id: string, limits: GrantLimits, extra: Pick<Grant, 'limitsBeforeThrottle'> = {}): Promise<Grant | null> {
    return this.change(id, (g) => ({ ...g, limits, ...extra }));
  }

  /** One atomic increment; concurrent calls from any number of processes all count. */
  async addUsage(id: string, u: UsageTotals): Promise<void> {
    await this.pool.query({
      name: 'gw_add_usage',
      text: `UPDATE gateway_grant_usage SET requests = requests + $1, input_tokens = input_tokens + $2, output_tokens = output_tokens + $3 WHERE grant_id = $4`,
      values: [u.requests, u.inputTokens, u.outputTokens, id],
    });
  }

  async putMonitorDocs(docs: Map<string, string>): Promise<void> {
    if (docs.size === 0) return;
    await this.transaction(async (c) => {
      for (const [key, value] of docs) {
        await c.query('INSERT INTO gateway_monitor_docs (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [key, value]);
      }
    });
  }

  async getMonitorDoc(key: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ value: string }>('SELECT value FROM gateway_monitor_docs WHERE key = $1', [key]);
    return rows[0]?.value ?? null;
  }

  async listMonitorDocs(prefix: string): Promise<{ key: string; value: string }[]> {
    const { rows } = await this.pool.query<{ key: string; value: string }>(
      'SELECT key, value FROM gateway_monitor_docs WHERE left(key, length($1)) = $1 ORDER BY key',
      [prefix],
    );
    return rows;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsPool) await this.pool.end();
  }

  /** Read-modify-write under a row lock, so two changes (from any process) never lose each other. */
  private change(id: string, edit: (g: Grant) => Grant): Promise<Grant | null> {
    return this.transaction(async (c) => {
      const { rows } = await c.query<{ status: GrantStatus; body: string }>(`SELECT status, body FROM gateway_grants WHERE id = $1 FOR UPDATE`, [id]);
      if (!rows[0]) return null;
      const next = edit(parseGrant(rows[0].body, rows[0].status));
      await c.query(`UPDATE gateway_grants SET status = $1, body = $2 WHERE id = $3`, [next.status, JSON.stringify(next), id]);
      return next;
    });
  }

  private async transaction<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const out = await work(c);
      await c.query('COMMIT');
      return out;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }
}

function parseGrant(body: string, status: GrantStatus): Grant {
  const grant = JSON.parse(body) as Grant;
  grant.status = status; // the column is the truth (it is what an operator would UPDATE by hand)
  return grant;
}

function fromRow(row: Row): GrantWithUsage {
  return {
    grant: parseGrant(row.body, row.status),
    usage: { requests: Number(row.requests ?? 0), inputTokens: Number(row.input_tokens ?? 0), outputTokens: Number(row.output_tokens ?? 0) },
  };
}
