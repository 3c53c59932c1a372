import { randomUUID } from 'node:crypto';
import type { QuotaStore, Reservation, ReserveInput, ReserveResult } from './quota-store.js';

const MINUTE_MS = 60_000;

interface Bucket {
  level: number;
  atMs: number;
}

interface GrantState {
  rpm: Bucket | null;
  tpm: Bucket | null;
  heldTokens: number;
  inFlight: number;
}

/** QuotaStore for one gateway process. Single-threaded JS makes each call atomic. */
export class MemoryQuotaStore implements QuotaStore {
  private readonly grants = new Map<string, GrantState>();
  private readonly open = new Set<string>();

  async reserve(input: ReserveInput): Promise<ReserveResult> {
    const { grantId, limits, tokens, nowMs } = input;
    const s = this.state(grantId);
    if (limits.maxConcurrent !== undefined && s.inFlight >= limits.maxConcurrent) {
      return { ok: false, limit: 'concurrency', retryAfterMs: 1000, message: `at most ${limits.maxConcurrent} concurrent requests` };
    }
    if (limits.maxTokensTotal !== undefined && input.settledTotal + s.heldTokens + tokens > limits.maxTokensTotal) {
      const exhausted = input.settledTotal + tokens > limits.maxTokensTotal;
      return {
        ok: false,
        limit: 'total_tokens',
        // Only waiting for calls in flight to settle can help; if they cannot, say so with a long wait.
        retryAfterMs: exhausted ? 3_600_000 : 1000,
        message: exhausted
          ? `the grant's total of ${limits.maxTokensTotal} tokens would be exceeded (${input.settledTotal} used, this call may take ${tokens})`
          : `tokens held by calls in flight would exceed the grant's total of ${limits.maxTokensTotal}`,
      };
    }
    s.rpm = refill(s.rpm, limits.rpm, nowMs);
    s.tpm = refill(s.tpm, limits.tpm, nowMs);
    const rpmWait = waitFor(s.rpm, limits.rpm, 1);
    if (rpmWait > 0) return { ok: false, limit: 'rpm', retryAfterMs: rpmWait, message: `at most ${limits.rpm} requests per minute` };
    const tpmWait = waitFor(s.tpm, limits.tpm, tokens);
    if (tpmWait > 0) return { ok: false, limit: 'tpm', retryAfterMs: tpmWait, message: `at most ${limits.tpm} tokens per minute (this call may take ${tokens})` };

    if (s.rpm) s.rpm.level -= 1;
    if (s.tpm) s.tpm.level -= tokens;
    s.heldTokens += tokens;
    s.inFlight += 1;
    const reservation: Reservation = { id: randomUUID(), grantId, tokens };
    this.open.add(reservation.id);
    return { ok: true, reservation };
  }

  async settle(r: Reservation, actualTokens: number, _nowMs: number): Promise<void> {
    if (!this.open.delete(r.id)) return; // settled already
    const s = this.grants.get(r.grantId);
    if (!s) return;
    s.heldTokens -= r.tokens;
    s.inFlight -= 1;
    if (s.tpm) {
      // Refund what was held but not used (capped at capacity by the next refill), or charge the excess.
      s.tpm.level += r.tokens - actualTokens;
    }
  }

  async forget(grantId: string): Promise<void> {
    this.grants.delete(grantId);
  }

  /** Test/inspection view of one grant's live state. */
  snapshot(grantId: string): { heldTokens: number; inFlight: number } {
    const s = this.grants.get(grantId);
    return { heldTokens: s?.heldTokens ?? 0, inFlight: s?.inFlight ?? 0 };
  }

  private state(grantId: string): GrantState {
    let s = this.grants.get(grantId);
    if (!s) {
      s = { rpm: null, tpm: null, heldTokens: 0, inFlight: 0 };
      this.grants.set(grantId, s);
    }
    return s;
  }
}

/** Bucket after refilling to `now`; starts full; capacity follows the limit if it changes. */
function refill(b: Bucket | null, perMinute: number | undefined, nowMs: number): Bucket | null {
  if (perMinute === undefined) return null;
  if (!b) return { level: perMinute, atMs: nowMs };
  const level = Math.min(perMinute, b.level + (Math.max(0, nowMs - b.atMs) * perMinute) / MINUTE_MS);
  return { level, atMs: nowMs };
}

/**
 * ms until `need` is available. A call larger than the whole capacity is let through once the
 * bucket is full (it then runs into debt), or it could never run at all.
 */
function waitFor(b: Bucket | null, perMinute: number | undefined, need: number): number {
  if (!b || perMinute === undefined) return 0;
  const required = Math.min(need, perMinute);
  if (b.level >= required) return 0;
  return Math.ceil(((required - b.level) * MINUTE_MS) / perMinute);
}
