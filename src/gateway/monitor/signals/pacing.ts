/**
 * pacing: requests in the last 60 minutes against the plan's maxRequestsPerHour. Sixty
 * per-minute buckets in a ring, so memory is constant; records arriving slightly out of order
 * land in their own minute while it is still in the ring.
 */
import type { ObservedRequest, SignalDetector, SignalReading } from './signal.js';

const MINUTE = 60_000;
const BUCKETS = 60;

export class PacingSignal implements SignalDetector {
  readonly signal = 'pacing' as const;
  private readonly minuteOf = new Float64Array(BUCKETS).fill(-1);
  private readonly counts = new Uint32Array(BUCKETS);

  constructor(
    private readonly maxPerHour: number | undefined,
    private readonly threshold: number,
  ) {}

  observe({ record }: ObservedRequest): void {
    const minute = Math.floor(record.time / MINUTE);
    const slot = ((minute % BUCKETS) + BUCKETS) % BUCKETS;
    if (this.minuteOf[slot] === minute) this.counts[slot]++;
    else if (this.minuteOf[slot] < minute) {
      this.minuteOf[slot] = minute;
      this.counts[slot] = 1;
    } // else: older than the hour the ring holds; it no longer affects the last-hour rate.
  }

  /** Requests in the 60 minutes ending with `now`'s minute. */
  lastHour(now: number): number {
    const current = Math.floor(now / MINUTE);
    let sum = 0;
    for (let i = 0; i < BUCKETS; i++) if (this.minuteOf[i] > current - BUCKETS && this.minuteOf[i] <= current) sum += this.counts[i];
    return sum;
  }

  read(now: number): SignalReading {
    const n = this.lastHour(now);
    return {
      signal: this.signal,
      value: this.maxPerHour ? n / this.maxPerHour : 0,
      threshold: this.threshold,
      enabled: this.maxPerHour !== undefined,
      ready: true,
      detail: this.maxPerHour ? `${n} requests in the last hour, plan allows ${this.maxPerHour}` : 'plan declares no maxRequestsPerHour',
    };
  }

  retained(): number {
    return BUCKETS;
  }
}
