import type { AuditEntry, AuditReceipt, MonitorAlert, RejectedCall, TrafficRecord } from './contracts.js';
import type { Grant } from './grants/grant.js';
import type { GrantSnapshot, MonitorEvent } from './monitor/index.js';

/**
 * The three places the gateway hands facts to other parts: the audit log, body storage and the
 * extraction monitor. The server only sees these interfaces; the lead plugs in the Merkle log
 * (src/gateway/audit/) and the monitor (src/gateway/monitor/).
 */

/** Append-only audit log. Entries must be appended in call order. */
export interface AuditSink {
  /**
   * Resolves only once the leaf is durable (as the log's `durability` setting defines it): a
   * receipt is a promise that the call is in the log.
   * `saltedBody`: the body behind `entry.bodyHash`, for sinks that store bodies with their leaf.
   * `commit`: when the leaf must be committed (the receipt resolves then).
   * `sign`: the receipt goes to a grantee: sign it (see AuditReceipt.signature).
   */
  append(entry: AuditEntry, opts?: { saltedBody?: { salt: Buffer; body: Buffer }; commit?: AuditCommit; sign?: boolean }): Promise<AuditReceipt>;
  /** True when the sink keeps bodies itself (one transaction with the leaf); no BodyStore is needed. */
  readonly storesBodies?: boolean;
}

/**
 * When a leaf is written. Whatever the timing, its receipt resolves only after the write (and,
 * under `durability: fsync`, the flush that covers it).
 * - `now` (default): at once, with a storage that commits synchronously (the journal); others
 *   always batch per turn of the event loop.
 * - `turn`: at the end of this turn, with whatever else was appended in it (calls that overlap).
 * - `group`: with the next leaf committed, or GROUP_COMMIT_MS (audit-log.ts) after the append at
 *   the latest (synchronous storages; others batch per turn). A call's request leaf then usually
 *   shares its response leaf's write: one journal write per call instead of two.
 */
export type AuditCommit = 'now' | 'turn' | 'group';

/** One request or response body, with the salt its audit leaf's `bodyHash` was computed with. */
export interface StoredBody {
  requestId: string;
  part: 'request' | 'response';
  /** hex; bodyHash = hex SHA-256(salt bytes || body bytes). */
  salt: string;
  body: Buffer;
  contentType: string;
}

/** Where bodies live, apart from the log, so a leaf can be checked later (and bodies deleted). */
export interface BodyStore {
  put(body: StoredBody): Promise<void>;
}

/** The extraction monitor: sees each call that reached the upstream, may raise alerts. */
export interface TrafficMonitor {
  observe(record: TrafficRecord): MonitorAlert[];
  /** A request refused for what its grant forbids (repeated attempts are a signal). */
  rejected?(call: RejectedCall): MonitorAlert[];
  /** Told when a grant is created (its declared plan) or revoked through this gateway; awaited. */
  grantChanged?(grant: Grant): void | Promise<void>;
  /** Every signal's value against its threshold, with the alerts raised and actions taken. */
  snapshot?(grantId: string): GrantSnapshot | undefined;
  /** Records what was done about a grant (an alert's action, a resume) for its snapshot. */
  note?(grantId: string, event: Omit<MonitorEvent, 'time'> & { time?: number }): void;
  /** Saves what it keeps; called when the gateway stops. */
  close?(): Promise<void>;
}

/** Body storage turned off: leaves keep their hashes, the bodies are not kept. */
export const discardBodies: BodyStore = { put: async () => undefined };

/** Monitoring turned off. */
export const noMonitor: TrafficMonitor = { observe: () => [] };
