/**
 * off_suite_share: share of the last N requests that are off plan: they carry no declared
 * prompt, or carry one plus other content (piggyback, request-view.ts). Read both by requests
 * and by tokens, the larger counting, so packing twenty tasks into each off-plan request does
 * not make it small; a verdict needs `minRequests` requests or `minTokens` tokens in the window.
 */
import { WeightedWindow, type WeightedWindowState } from '../weighted-window.js';
import type { ObservedRequest, SignalDetector, SignalReading } from './signal.js';

export class OffSuiteSignal implements SignalDetector {
  readonly signal = 'off_suite_share' as const;
  private readonly window: WeightedWindow;
  private readonly piggyback: WeightedWindow;

  constructor(
    private readonly declaredPrompts: number,
    private readonly threshold: number,
    windowSize: number,
    private readonly minRequests: number,
    private readonly minTokens: number,
  ) {
    this.window = new WeightedWindow(windowSize);
    this.piggyback = new WeightedWindow(windowSize);
  }

  observe({ record, view }: ObservedRequest): void {
    this.window.push(view.plan === 'off', Math.max(0, record.inputTokens) + Math.max(0, record.outputTokens));
    this.piggyback.push(view.piggyback);
  }

  read(): SignalReading {
    const w = this.window;
    const detail =
      this.declaredPrompts > 0
        ? `${w.yeses} of the last ${w.count} requests are off plan (${this.piggyback.yeses} of them carry a declared prompt plus other content), ` +
          `${(100 * w.weightShare).toFixed(1)}% of their tokens; ${this.declaredPrompts} prompts declared`
        : 'plan declares no prompts to match against';
    return {
      signal: this.signal,
      value: Math.max(w.share, w.weightShare),
      threshold: this.threshold,
      enabled: this.declaredPrompts > 0,
      ready: w.count >= this.minRequests || w.weightSum >= this.minTokens,
      detail,
    };
  }

  retained(): number {
    return 2 * this.window.capacity;
  }

  save(): [WeightedWindowState, WeightedWindowState] {
    return [this.window.save(), this.piggyback.save()];
  }

  load(state: unknown): void {
    const [w, p] = state as [WeightedWindowState, WeightedWindowState];
    this.window.load(w);
    this.piggyback.load(p);
  }
}
