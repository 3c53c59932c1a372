/**
 * Approximate count of distinct keys in fixed memory: a KMV ("k minimum values") sketch keeps
 * the k smallest distinct hashes in [0, 1); with k of them the k-th smallest, v, estimates
 * distinct ≈ (k − 1) / v (relative error about 1/√k, ≈ 4% for k = 512). Exact below k keys.
 */
import { unitHash } from './text.js';

export class DistinctSketch {
  /** ascending, distinct, at most k values. */
  private readonly values: number[] = [];

  constructor(readonly k = 512) {
    if (!Number.isInteger(k) || k < 2) throw new RangeError(`k must be an integer ≥ 2, got ${k}`);
  }

  add(key: string): void {
    this.addHash(unitHash(key));
  }

  /** Adds an already uniform hash in [0, 1). */
  addHash(h: number): void {
    const v = this.values;
    if (v.length === this.k && h >= v[v.length - 1]) return;
    let lo = 0;
    let hi = v.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v[mid] < h) lo = mid + 1;
      else hi = mid;
    }
    if (v[lo] === h) return; // already counted
    v.splice(lo, 0, h);
    if (v.length > this.k) v.pop();
  }

  estimate(): number {
    const v = this.values;
    if (v.length < this.k) return v.length;
    return Math.round((this.k - 1) / v[v.length - 1]);
  }

  /** Values held (≤ k): the sketch's memory. */
  get size(): number {
    return this.values.length;
  }

  save(): number[] {
    return [...this.values];
  }

  load(values: number[]): void {
    this.values.length = 0;
    this.values.push(...values.slice(0, this.k));
  }
}
