/**
 * Deadlines for calls that all share one time limit, checked by one interval timer: a socket
 * timer per call (req.setTimeout: a listener, a timer list insert and removal) showed up on the
 * gateway's request path. Calls are kept in start order, which with one limit is deadline order,
 * so a sweep stops at the first call still in time. A call expires at most one tick late.
 */
export class Deadlines {
  private readonly calls = new Map<object, { at: number; expire: () => void }>();
  private timer: NodeJS.Timeout | null = null;
  private readonly tickMs: number;

  constructor(
    readonly limitMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tickMs = Math.max(5, Math.min(1000, Math.floor(limitMs / 20)));
  }

  /** Calls `expire` if `call` has not been ended by limitMs from now. */
  start(call: object, expire: () => void): void {
    this.calls.set(call, { at: this.now() + this.limitMs, expire });
    // Left running while calls come and go; a sweep that finds none stops it.
    this.timer ??= setInterval(() => this.sweep(), this.tickMs).unref();
  }

  end(call: object): void {
    this.calls.delete(call);
  }

  get size(): number {
    return this.calls.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [call, d] of this.calls) {
      if (d.at > now) break;
      this.calls.delete(call);
      d.expire();
    }
    if (this.calls.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}
