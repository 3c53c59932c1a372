import type { GrantLimits } from '../grants/grant.js';

export type QuotaLimitName = 'rpm' | 'tpm' | 'total_tokens' | 'concurrency';

/** A hold taken before the upstream call; give it back exactly once with settle(). */
export interface Reservation {
  id: string;
  grantId: string;
  /** Tokens held: prompt estimate + max output tokens. */
  tokens: number;
}

export type ReserveResult =
  | { ok: true; reservation: Reservation }
  | { ok: false; limit: QuotaLimitName; retryAfterMs: number; message: string };

export interface ReserveInput {
  grantId: string;
  limits: GrantLimits;
  /** Tokens to hold for the call. */
  tokens: number;
  /** Tokens already settled over the grant's life (from the GatewayStore). */
  settledTotal: number;
  nowMs: number;
}

/**
 * Live quota state per grant: rpm and tpm as token buckets (capacity = the per-minute limit,
 * refilled continuously), tokens held by calls in flight, and calls in flight.
 *
 * reserve() checks every limit and, only if all pass, takes 1 request from the rpm bucket,
 * `tokens` from the tpm bucket, adds `tokens` to the in-flight hold and one concurrency slot:
 * all or nothing, atomically. settle() releases the slot and the hold and corrects the tpm
 * bucket by (actual - reserved). Both touch one grant's state only, so a Redis implementation
 * can do each as one Lua script over one hash per grant (fields: rpm level+time, tpm level+time,
 * held tokens, in flight), with reservations stored under a TTL so a crashed gateway's holds
 * expire instead of leaking.
 *
 * The lifetime total is checked as settledTotal + held + tokens <= maxTokensTotal. The gateway
 * adds real usage to the GatewayStore *before* settle() releases the hold, so the total is never
 * undercounted in between (only briefly double-counted, on the safe side).
 */
export interface QuotaStore {
  reserve(input: ReserveInput): Promise<ReserveResult>;
  settle(reservation: Reservation, actualTokens: number, nowMs: number): Promise<void>;
  /** Drops a grant's state (after revocation). */
  forget?(grantId: string): Promise<void>;
}
