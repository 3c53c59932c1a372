/**
 * A token bucket per caller: `perSecond` tokens a second up to `burst`. `take` answers 0 when the
 * caller may go on, else how many ms until it may. Buckets refilled to full are forgotten.
 */
export class RateGate {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(who: string): number {
    const now = this.now();
    const b = this.buckets.get(who) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    if (b.tokens < 1) {
      this.buckets.set(who, b);
      return Math.ceil(((1 - b.tokens) / this.perSecond) * 1000);
    }
    b.tokens -= 1;
    this.buckets.set(who, b);
    if (this.buckets.size > 10_000) this.forgetFull(now);
    return 0;
  }

  private forgetFull(now: number): void {
    for (const [who, b] of this.buckets) if (b.tokens + ((now - b.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(who);
  }
}
