import type { Grant, GrantLimits, GrantStatus, UsageTotals } from '../grants/grant.js';

/** A grant with what it has used so far. */
export interface GrantWithUsage {
  grant: Grant;
  usage: UsageTotals;
}

/**
 * Grants, key hashes and usage totals. Async so that a Postgres implementation can stand in
 * for the SQLite one. The server calls findByKeyHash on every request, so a revocation through
 * the same store is seen by the next request; one committed by another process, by the next
 * request (Postgres) or within SqliteGatewayStore's FOREIGN_CHANGE_CHECK_MS (SQLite).
 * Returned grants may be shared and frozen: treat them as read-only.
 */
export interface GatewayStore {
  /** Stores a new grant and the SHA-256 (hex) of its key. */
  createGrant(grant: Grant, keyHash: string): Promise<void>;
  /** The grant a key hash belongs to, with its usage, or null. */
  findByKeyHash(keyHash: string): Promise<(GrantWithUsage & { keyHash: string }) | null>;
  getGrant(id: string): Promise<GrantWithUsage | null>;
  listGrants(): Promise<GrantWithUsage[]>;
  /** Returns the updated grant, or null if there is none with this id. */
  setStatus(id: string, status: GrantStatus, reason: string, at: string): Promise<Grant | null>;
  /** `extra`: what the monitor keeps beside the limits (the limits before its first throttle; undefined clears it). */
  setLimits(id: string, limits: GrantLimits, extra?: Pick<Grant, 'limitsBeforeThrottle'>): Promise<Grant | null>;
  /** Adds one settled call's usage. */
  addUsage(id: string, usage: UsageTotals): Promise<void>;
  /**
   * The extraction monitor's documents (a grant's declared prompts, saved signal state), JSON
   * by key. Writes are upserts, all in one transaction.
   */
  putMonitorDocs(docs: Map<string, string>): Promise<void>;
  getMonitorDoc(key: string): Promise<string | null>;
  /** Every document whose key starts with `prefix`. */
  listMonitorDocs(prefix: string): Promise<{ key: string; value: string }[]>;
  close(): Promise<void>;
}
