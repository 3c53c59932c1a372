/**
 * Counts over a sliding time span in fixed memory: `buckets` buckets of `bucketMs` each in a ring
 * (60 one-minute buckets for "the last hour", 24 one-hour buckets for "the last day"), one or
 * more channels per bucket (e.g. requests and tokens). A slightly late record lands in its own
 * bucket while the ring still holds it; an older one no longer affects the span and is dropped.
 */
import { pack, unpackInto } from './persist.js';

export interface BucketRingState {
  periodOf: string;
  counts: string;
}

export class BucketRing {
  private readonly periodOf: Float64Array;
  private readonly counts: Float64Array;

  constructor(
    private readonly bucketMs: number,
    private readonly buckets: number,
    private readonly channels = 1,
  ) {
    this.periodOf = new Float64Array(buckets).fill(-Infinity);
    this.counts = new Float64Array(buckets * channels);
  }

  /** Adds `values` (one per channel) at `time` (ms since epoch). */
  add(time: number, ...values: number[]): void {
    const period = Math.floor(time / this.bucketMs);
    const slot = ((period % this.buckets) + this.buckets) % this.buckets;
    if (this.periodOf[slot] < period) {
      this.periodOf[slot] = period; // the bucket's old period has left the span
      this.counts.fill(0, slot * this.channels, (slot + 1) * this.channels);
    } else if (this.periodOf[slot] > period) {
      return; // older than the span the ring holds
    }
    for (let c = 0; c < this.channels && c < values.length; c++) this.counts[slot * this.channels + c] += values[c];
  }

  /** Sum of a channel over the `buckets` buckets ending with `now`'s. */
  sum(now: number, channel = 0): number {
    const current = Math.floor(now / this.bucketMs);
    let total = 0;
    for (let i = 0; i < this.buckets; i++) {
      if (this.periodOf[i] > current - this.buckets && this.periodOf[i] <= current) total += this.counts[i * this.channels + channel];
    }
    return total;
  }

  get size(): number {
    return this.buckets;
  }

  save(): BucketRingState {
    return { periodOf: pack(this.periodOf), counts: pack(this.counts) };
  }

  load(s: BucketRingState): void {
    unpackInto(this.periodOf, s.periodOf);
    unpackInto(this.counts, s.counts);
  }
}
