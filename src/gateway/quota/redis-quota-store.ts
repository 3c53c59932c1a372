import { randomUUID } from 'node:crypto';
import { redactUrl } from '../redact-url.js';
import { Redis } from 'ioredis';
import { ConfigError } from '../../core/errors.js';
import type { QuotaLimitName, QuotaStore, Reservation, ReserveInput, ReserveResult } from './quota-store.js';
import { RENEW_LUA, RESERVE_LUA, SETTLE_LUA } from './redis-quota-scripts.js';

export interface RedisQuotaStoreOptions {
  /** Key prefix. Default `crosscheck:quota:`. */
  prefix?: string;
  /**
   * How long a call's hold and slot outlive a gateway that stopped renewing them (crashed).
   * Live gateways renew every leaseMs / 3. Default 60 s.
   */
  leaseMs?: number;
  /**
   * Whose clock runs the rpm/tpm buckets: 'redis' (default: one clock for all gateways, so
   * skewed hosts cannot disagree) or 'caller' (ReserveInput.nowMs; for tests that drive time).
   */
  clock?: 'redis' | 'caller';
  /** Where connection and renewal errors go. Default: ignored (reserve/settle still throw). */
  onError?: (err: Error) => void;
}

/** Keys idle this long (no lease, buckets full) are dropped by Redis. */
const MIN_IDLE_TTL_MS = 120_000;

type ScriptReply = [number, QuotaLimitName?, number?, number?, number?];

interface QuotaCommands {
  ccxQuotaReserve(state: string, leases: string, ...argv: (string | number)[]): Promise<ScriptReply>;
  ccxQuotaSettle(state: string, leases: string, ...argv: (string | number)[]): Promise<number>;
  ccxQuotaRenew(state: string, leases: string, ...argv: (string | number)[]): Promise<number>;
}

/**
 * QuotaStore shared by every gateway process through one Redis: rpm and tpm token buckets,
 * tokens held by calls in flight, calls in flight, and a mirror of the lifetime total, per grant,
 * each reserve and settle one Lua script (atomic across processes). See redis-quota-scripts.ts.
 */
export class RedisQuotaStore implements QuotaStore {
  private readonly prefix: string;
  private readonly leaseMs: number;
  private readonly clock: 'redis' | 'caller';
  private readonly onError: (err: Error) => void;
  private readonly cmd: QuotaCommands;
  /** This process's calls in flight: reservation id → lease member, by grant (renewed on a timer). */
  private readonly open = new Map<string, Map<string, string>>();
  private readonly renewTimer: NodeJS.Timeout;
  private closed = false;

  constructor(
    readonly redis: Redis,
    opts: RedisQuotaStoreOptions = {},
    private readonly ownsClient = false,
  ) {
    this.prefix = opts.prefix ?? 'crosscheck:quota:';
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.clock = opts.clock ?? 'redis';
    this.onError = opts.onError ?? (() => undefined);
    redis.defineCommand('ccxQuotaReserve', { numberOfKeys: 2, lua: RESERVE_LUA });
    redis.defineCommand('ccxQuotaSettle', { numberOfKeys: 2, lua: SETTLE_LUA });
    redis.defineCommand('ccxQuotaRenew', { numberOfKeys: 2, lua: RENEW_LUA });
    this.cmd = redis as unknown as QuotaCommands;
    this.renewTimer = setInterval(() => void this.renewLeases(), Math.max(10, Math.floor(this.leaseMs / 3)));
    this.renewTimer.unref();
  }

  /** Connects to `redis://...` and waits until the server answers. */
  static async connect(url: string, opts: RedisQuotaStoreOptions = {}): Promise<RedisQuotaStore> {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, connectTimeout: 5000 });
    redis.on('error', opts.onError ?? (() => undefined));
    try {
      await redis.connect();
      await redis.ping();
    } catch (err) {
      redis.disconnect();
      throw new ConfigError(`cannot connect to Redis at ${redactUrl(url, 'redis')}: ${(err as Error).message}`);
    }
    return new RedisQuotaStore(redis, opts, true);
  }

  async reserve(input: ReserveInput): Promise<ReserveResult> {
    const { grantId, limits, tokens } = input;
    const id = randomUUID();
    const member = `${tokens}|${id}`;
    const [ok, limit, retryAfterMs, total] = await this.cmd.ccxQuotaReserve(
      ...this.keys(grantId),
      this.clock === 'caller' ? input.nowMs : '',
      limits.rpm ?? '',
      limits.tpm ?? '',
      limits.maxTokensTotal ?? '',
      limits.maxConcurrent ?? '',
      tokens,
      input.settledTotal,
      member,
      this.leaseMs,
      MIN_IDLE_TTL_MS,
    );
    if (ok === 1) {
      let leases = this.open.get(grantId);
      if (!leases) this.open.set(grantId, (leases = new Map()));
      leases.set(id, member);
      return { ok: true, reservation: { id, grantId, tokens } };
    }
    return { ok: false, limit: limit!, retryAfterMs: retryAfterMs!, message: refusalMessage(limit!, input, retryAfterMs!, total!) };
  }

  async settle(r: Reservation, actualTokens: number, _nowMs: number): Promise<void> {
    const leases = this.open.get(r.grantId);
    const member = leases?.get(r.id);
    if (!member) return; // settled already, or forgotten
    leases!.delete(r.id);
    if (leases!.size === 0) this.open.delete(r.grantId);
    await this.cmd.ccxQuotaSettle(...this.keys(r.grantId), member, r.tokens, actualTokens, MIN_IDLE_TTL_MS);
  }

  async forget(grantId: string): Promise<void> {
    this.open.delete(grantId);
    await this.redis.del(...this.keys(grantId));
  }

  /** Inspection view of one grant's shared state (all gateways). */
  async snapshot(grantId: string): Promise<{ heldTokens: number; inFlight: number; leases: number; settledMirror: number | null }> {
    const [state, leases] = this.keys(grantId);
    const [held, inflight, settled] = await this.redis.hmget(state, 'held', 'inflight', 'settled');
    return { heldTokens: Number(held ?? 0), inFlight: Number(inflight ?? 0), leases: await this.redis.zcard(leases), settledMirror: settled === null ? null : Number(settled) };
  }

  /** Stops renewing leases (holds of calls still open then run out after leaseMs) and disconnects if this store connected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.renewTimer);
    if (this.ownsClient) await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private keys(grantId: string): [string, string] {
    const state = `${this.prefix}{${grantId}}`;
    return [state, `${state}:leases`];
  }

  private async renewLeases(): Promise<void> {
    for (const [grantId, leases] of this.open) {
      if (leases.size === 0) continue;
      try {
        await this.cmd.ccxQuotaRenew(...this.keys(grantId), this.leaseMs, MIN_IDLE_TTL_MS, ...leases.values());
      } catch (err) {
        this.onError(err as Error);
      }
    }
  }
}

function refusalMessage(limit: QuotaLimitName, input: ReserveInput, retryAfterMs: number, total: number): string {
  const { limits, tokens } = input;
  switch (limit) {
    case 'concurrency':
      return `at most ${limits.maxConcurrent} concurrent requests`;
    case 'rpm':
      return `at most ${limits.rpm} requests per minute`;
    case 'tpm':
      return `at most ${limits.tpm} tokens per minute (this call may take ${tokens})`;
    case 'total_tokens':
      return retryAfterMs > 1000
        ? `the grant's total of ${limits.maxTokensTotal} tokens would be exceeded (${total} used, this call may take ${tokens})`
        : `tokens held by calls in flight would exceed the grant's total of ${limits.maxTokensTotal}`;
  }
}
