import type { AuditReceipt } from '../contracts.js';
import type { AuditCommit } from '../hooks.js';
import type { Grant } from '../grants/grant.js';
import type { CallFeatures } from '../grants/policy.js';
import type { Reservation } from '../quota/quota-store.js';
import type { Upstream } from '../upstream/upstream.js';
import { trafficRecordFor } from '../monitor/request-traffic.js';
import { observeTraffic } from './apply-alerts.js';
import type { Facts } from './audited-reply.js';
import type { GatewayContext } from './context.js';
import { isoTime } from './iso-time.js';
import type { ReportedUsage, Wire } from './wire.js';

/** A call that passed admission: its grant, parsed body (as sent upstream), upstream and quota hold. */
export interface Admitted {
  grant: Grant;
  body: Record<string, unknown>;
  features: CallFeatures;
  upstream: Upstream;
  reservation: Reservation;
  /** max_tokens the gateway added to the upstream request (the grantee set none), if any. */
  injectedMaxTokens?: number;
}

export interface SettledUsage {
  inputTokens: number;
  outputTokens: number;
  /** True when the upstream did not report (all of) it and the gateway estimated. */
  estimated: boolean;
}

export const NO_TOKENS: SettledUsage = { inputTokens: 0, outputTokens: 0, estimated: false };

/**
 * What every admitted call owes, each exactly once whatever happens on the way: its request
 * leaf, one response leaf, one usage record with the quota hold released, and one look by the
 * monitor. The call path asks for each when it can; whatever it did not reach (a throw, a client
 * gone) is done by `close` (handle-call.ts).
 */
export class CallLedger {
  private requestLeaf: Promise<AuditReceipt> | undefined;
  private responseLeaf: Promise<AuditReceipt> | undefined;
  private settled: Promise<void> | undefined;
  private usage: SettledUsage = NO_TOKENS;
  private observed = false;

  constructor(
    private readonly g: GatewayContext,
    private readonly wire: Wire,
    readonly facts: Required<Facts>,
    readonly call: Admitted,
    private readonly raw: Buffer,
  ) {}

  get responded(): boolean {
    return this.responseLeaf !== undefined;
  }

  /**
   * The request leaf, hashed and queued on first ask. A whole reply's is committed with its
   * response leaf (`group`: one journal write for both), or GROUP_COMMIT_MS later; a stream's at
   * once (`now`: its headers carry this receipt).
   */
  recordRequest(): Promise<AuditReceipt> {
    if (this.requestLeaf) return this.requestLeaf;
    const commit: AuditCommit = this.call.features.stream ? 'now' : 'group';
    const { requestId, grantId, model, variant } = this.facts;
    const { features, upstream, reservation, injectedMaxTokens } = this.call;
    this.requestLeaf = this.g.trail.append({
      kind: 'request', time: isoTime(this.g.now()), grantId, model, variant, requestId,
      bodyHash: this.g.trail.hashBody(requestId, 'request', this.raw, 'application/json'),
      detail: {
        endpoint: this.wire.endpoint, accepted: true, stream: features.stream, mode: upstream.mode, reservedTokens: reservation.tokens,
        ...(injectedMaxTokens !== undefined ? { injectedMaxTokens } : {}),
      },
    }, { commit, sign: features.stream });
    this.requestLeaf.catch(() => undefined); // awaited before anything is sent; this only keeps a failure from counting as unhandled
    return this.requestLeaf;
  }

  /** The response leaf (once: a later ask gets the first's receipt), signed for the grantee. */
  recordResponse(bodyHash: string | undefined, detail: Record<string, unknown>): Promise<AuditReceipt> {
    if (this.responseLeaf) return this.responseLeaf;
    this.recordRequest(); // a response leaf never goes without its request leaf
    const { requestId, grantId, model, variant } = this.facts;
    // Calls that overlap share one journal write at the end of the turn; a call alone is written at once.
    const commit: AuditCommit = this.g.callsInFlight > 1 ? 'turn' : 'now';
    this.responseLeaf = this.g.trail.append({ kind: 'response', time: isoTime(this.g.now()), grantId, model, variant, requestId, bodyHash, detail }, { commit, sign: true });
    this.responseLeaf.catch(() => undefined);
    return this.responseLeaf;
  }

  /** Usage added to the store, then the quota hold released (so the lifetime total is never undercounted): once. */
  settle(usage: SettledUsage): Promise<void> {
    if (this.settled) return this.settled;
    this.usage = usage;
    this.settled = settleCall(this.g, this.facts.grantId, this.call.reservation, usage);
    return this.settled;
  }

  /**
   * Shows the call to the monitor once, with the usage it settled, read by the monitor's own
   * request readers (system text, user and opening turns, n, logprobs, reasoning) and the grantee.
   */
  async observe(): Promise<void> {
    if (this.observed) return;
    this.observed = true;
    const { grantId, grantee } = this.facts;
    const { inputTokens, outputTokens } = this.usage;
    await observeTraffic(this.g, trafficRecordFor(this.wire.name, this.call.body, { grantId, grantee, time: this.g.now(), inputTokens, outputTokens }));
  }
}

/**
 * Usage as reported, with what is missing estimated: input from the prompt (4 characters a
 * token), output from the characters seen (streams) or the body size (whole bodies, an upper
 * bound). Reported counts are clamped to whole numbers of at least zero: an upstream's negative
 * count must not lower the grant's usage.
 */
export function usageOf(reported: ReportedUsage | null | undefined, features: CallFeatures, outputSize: number): SettledUsage {
  const input = tokenCount(reported?.inputTokens);
  const output = tokenCount(reported?.outputTokens);
  return {
    inputTokens: input ?? Math.ceil(features.promptText.length / 4),
    outputTokens: output ?? Math.ceil(outputSize / 4),
    estimated: input === undefined || output === undefined,
  };
}

function tokenCount(v: number | undefined): number | undefined {
  return v === undefined || !Number.isFinite(v) ? undefined : Math.max(0, Math.floor(v));
}

async function settleCall(g: GatewayContext, grantId: string, reservation: Reservation, usage: SettledUsage): Promise<void> {
  try {
    await g.store.addUsage(grantId, { requests: 1, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens });
  } catch (err) {
    g.log(`could not record usage for grant ${grantId}: ${(err as Error).message}`);
  }
  try {
    await g.quota.settle(reservation, usage.inputTokens + usage.outputTokens, g.now());
  } catch (err) {
    g.log(`could not settle quota for grant ${grantId}: ${(err as Error).message}`);
  }
}
