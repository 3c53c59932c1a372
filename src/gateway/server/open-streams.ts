import type { Grant } from '../grants/grant.js';
import type { GatewayStore } from '../store/gateway-store.js';
import { grantRefusal } from '../grants/policy.js';
import type { GatewayError } from './gateway-error.js';

/** Ends one open stream with the reason (a final SSE error event and a response leaf that says why). */
export type StopStream = (why: GatewayError) => void;

/**
 * Streams in flight, by grant, so that a revoked, suspended or expired grant stops streaming
 * within the revocation window: at once when the change is made through this gateway (admin API,
 * monitor), and otherwise (another instance, another process) at the next check, which asks the
 * store about every grant with an open stream each `windowMs` while any is open.
 */
export class OpenStreams {
  private readonly byGrant = new Map<string, Set<StopStream>>();
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    private readonly store: Pick<GatewayStore, 'getGrant'>,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Registers a stream; the returned function unregisters it. */
  add(grantId: string, stop: StopStream): () => void {
    let set = this.byGrant.get(grantId);
    if (!set) this.byGrant.set(grantId, (set = new Set()));
    set.add(stop);
    this.timer ??= setInterval(() => void this.check(), this.windowMs).unref();
    return () => {
      set.delete(stop);
      if (set.size === 0 && this.byGrant.get(grantId) === set) this.byGrant.delete(grantId);
      if (this.byGrant.size === 0) this.stopTimer();
    };
  }

  get size(): number {
    let n = 0;
    for (const s of this.byGrant.values()) n += s.size;
    return n;
  }

  /** Ends every open stream of a grant that may no longer be used (as seen by this gateway). */
  grantChanged(grant: Grant): void {
    const why = grantRefusal(grant, this.now());
    if (why) for (const stop of [...(this.byGrant.get(grant.id) ?? [])]) stop(why);
  }

  close(): void {
    this.stopTimer();
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      for (const id of [...this.byGrant.keys()]) {
        const found = await this.store.getGrant(id).catch(() => undefined);
        if (found) this.grantChanged(found.grant);
      }
    } finally {
      this.checking = false;
    }
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
