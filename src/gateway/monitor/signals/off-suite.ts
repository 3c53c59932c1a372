/**
 * off_suite_share: share of the last N requests whose prompt matches no declared suite prompt.
 * An evaluation sends its suites' items (wrapped in its own instructions); an extraction
 * sends whatever it wants answers to. Memory: one byte per window slot.
 */
import { BitWindow } from '../bit-window.js';
import type { ObservedRequest, SignalDetector, SignalReading } from './signal.js';

export class OffSuiteSignal implements SignalDetector {
  readonly signal = 'off_suite_share' as const;
  private readonly window: BitWindow;

  constructor(
    private readonly suitePromptCount: number,
    private readonly threshold: number,
    windowSize: number,
    private readonly minRequests: number,
  ) {
    this.window = new BitWindow(windowSize);
  }

  observe({ suite }: ObservedRequest): void {
    this.window.push(!suite.matched);
  }

  read(): SignalReading {
    const w = this.window;
    return {
      signal: this.signal,
      value: w.share,
      threshold: this.threshold,
      enabled: this.suitePromptCount > 0,
      ready: w.count >= this.minRequests,
      detail:
        this.suitePromptCount > 0
          ? `${w.yesCount} of the last ${w.count} prompts match none of ${this.suitePromptCount} declared suite prompts`
          : 'plan declares no suite prompts to match against',
    };
  }

  retained(): number {
    return this.window.capacity;
  }
}
