/**
 * sustained_pacing: how many consecutive clock hours (ending now) each carried at least a
 * minimum of requests. An evaluation runs in bursts (a suite, then analysis, then another run);
 * a harvesting pipeline runs around the clock at a flat rate. Constant memory: the current
 * hour's count and the streak length.
 */
import type { ObservedRequest, SignalDetector, SignalReading } from './signal.js';

const HOUR = 3600_000;

export class SustainedPacingSignal implements SignalDetector {
  readonly signal = 'sustained_pacing' as const;
  private hour = Number.NEGATIVE_INFINITY;
  private count = 0;
  /** consecutive active hours ending with the hour before `hour`. */
  private streak = 0;

  constructor(
    private readonly minPerHour: number,
    private readonly threshold: number,
  ) {}

  observe({ record }: ObservedRequest): void {
    const h = Math.floor(record.time / HOUR);
    if (h === this.hour) {
      this.count++;
      return;
    }
    if (h < this.hour) return; // a late record from a finished hour: that hour is already judged
    this.closeHour(h);
    this.count = 1;
  }

  /** Moves to hour `h`, extending or breaking the streak with the hour being left. */
  private closeHour(h: number): void {
    const wasActive = this.count >= this.minPerHour;
    if (wasActive && h === this.hour + 1) this.streak++;
    else this.streak = 0; // an idle hour, or a gap of empty hours
    this.hour = h;
    this.count = 0;
  }

  /** Consecutive active hours ending now (the current hour counts once it is active). */
  hours(now: number): number {
    const h = Math.floor(now / HOUR);
    if (h > this.hour + 1 || (h === this.hour + 1 && this.count < this.minPerHour)) return 0;
    if (h === this.hour + 1) return this.streak + 1; // the last hour closed active; none yet in this one
    return this.streak + (this.count >= this.minPerHour ? 1 : 0);
  }

  read(now: number): SignalReading {
    const hours = this.hours(now);
    return {
      signal: this.signal,
      value: hours,
      threshold: this.threshold,
      enabled: true,
      ready: true,
      detail: `${hours} consecutive hours with at least ${this.minPerHour} requests each`,
    };
  }

  retained(): number {
    return 3;
  }

  save(): [number, number, number] {
    return [this.hour, this.count, this.streak];
  }

  load(state: unknown): void {
    const [hour, count, streak] = state as [number | null, number, number];
    this.hour = hour ?? Number.NEGATIVE_INFINITY; // JSON writes -Infinity as null
    this.count = count;
    this.streak = streak;
  }
}
