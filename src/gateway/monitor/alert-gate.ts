/**
 * When a signal that is over its threshold deserves an alert: once when it crosses, not on
 * every request after. It re-arms when the value falls back to rearmFraction × threshold
 * (hysteresis, so a value hovering at the threshold does not flap), and a signal that stays
 * over alerts again after the cool-down as a reminder.
 */
import { isCrossed, type SignalReading } from './signals/signal.js';

export class AlertGate {
  private armed = true;
  private lastAlertAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly cooldownMs: number,
    private readonly rearmFraction: number,
  ) {}

  /** true when this reading should raise an alert now. */
  shouldAlert(reading: SignalReading, now: number): boolean {
    if (!isCrossed(reading)) {
      if (!reading.enabled || !reading.ready || reading.value <= reading.threshold * this.rearmFraction) this.armed = true;
      return false;
    }
    if (this.armed || now - this.lastAlertAt >= this.cooldownMs) {
      this.armed = false;
      this.lastAlertAt = now;
      return true;
    }
    return false;
  }

  get isArmed(): boolean {
    return this.armed;
  }

  save(): [boolean, number | null] {
    return [this.armed, Number.isFinite(this.lastAlertAt) ? this.lastAlertAt : null];
  }

  load([armed, lastAlertAt]: [boolean, number | null]): void {
    this.armed = armed;
    this.lastAlertAt = lastAlertAt ?? Number.NEGATIVE_INFINITY;
  }
}
