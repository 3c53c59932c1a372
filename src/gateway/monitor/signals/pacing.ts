/**
 * pacing: requests in the last 60 minutes against the plan's maxRequestsPerHour. Sixty
 * per-minute buckets in a ring (bucket-ring.ts), so memory is constant.
 */
import { BucketRing, type BucketRingState } from '../bucket-ring.js';
import type { ObservedRequest, SignalDetector, SignalReading } from './signal.js';

export class PacingSignal implements SignalDetector {
  readonly signal = 'pacing' as const;
  private readonly minutes = new BucketRing(60_000, 60);

  constructor(
    private readonly maxPerHour: number | undefined,
    private readonly threshold: number,
  ) {}

  observe({ record }: ObservedRequest): void {
    this.minutes.add(record.time, 1);
  }

  /** Requests in the 60 minutes ending with `now`'s minute. */
  lastHour(now: number): number {
    return this.minutes.sum(now);
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
    return this.minutes.size;
  }

  save(): BucketRingState {
    return this.minutes.save();
  }

  load(state: unknown): void {
    this.minutes.load(state as BucketRingState);
  }
}
