/**
 * forbidden_attempts: requests a grantee's grants refused for what the grant forbids (a denied
 * field, logprobs or n over the grant's maximum, a model the grant does not cover), in the last
 * 24 hours, across its grants. One refusal is a client misconfigured; an evaluation fails on it
 * and is fixed. Asking again and again for what was refused is probing the grant's limits.
 */
import { BucketRing, type BucketRingState } from '../bucket-ring.js';
import type { SignalReading } from './signal.js';

export class ForbiddenAttemptsSignal {
  readonly signal = 'forbidden_attempts' as const;
  private readonly day = new BucketRing(3600_000, 24, 1);
  private lastCode = '';

  constructor(private readonly threshold: number) {}

  observe(time: number, code: string): void {
    this.day.add(time, 1);
    this.lastCode = code;
  }

  read(now: number): SignalReading {
    const n = this.day.sum(now);
    return {
      signal: this.signal,
      value: n,
      threshold: this.threshold,
      enabled: true,
      ready: true,
      detail: n ? `${n} requests refused for what the grant forbids in the last 24 h (latest: ${this.lastCode})` : 'no request refused for what the grant forbids',
    };
  }

  retained(): number {
    return this.day.size;
  }

  save(): { day: BucketRingState; lastCode: string } {
    return { day: this.day.save(), lastCode: this.lastCode };
  }

  load(state: unknown): void {
    const s = state as { day: BucketRingState; lastCode: string };
    this.day.load(s.day);
    this.lastCode = s.lastCode;
  }
}
