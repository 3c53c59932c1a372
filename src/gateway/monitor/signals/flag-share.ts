/**
 * logprob_harvest, multi_sample_harvest, hidden_reasoning: the share of recent requests that set
 * a flag. Logprobs and n > 1 return a model's output distribution, which is what distillation
 * learns from far more efficiently than single samples; hidden reasoning is what the provider
 * chose not to hand out. An evaluation rarely needs any of them, so the default tolerance is a
 * small share; a plan can allow a flag (signal off) or forbid it (any single request crosses).
 */
import { BitWindow } from '../bit-window.js';
import type { FlagPermission } from '../plan.js';
import type { TrafficRecord } from '../../contracts.js';
import type { ObservedRequest, SignalDetector, SignalReading } from './signal.js';

export type FlagSignalName = 'logprob_harvest' | 'multi_sample_harvest' | 'hidden_reasoning';

const FLAGS: Record<FlagSignalName, { test: (r: TrafficRecord) => boolean; what: string }> = {
  logprob_harvest: { test: (r) => r.logprobs || r.topLogprobs > 0, what: 'asked for logprobs' },
  multi_sample_harvest: { test: (r) => r.n > 1, what: 'asked for n > 1 completions' },
  hidden_reasoning: { test: (r) => r.reasoningRequested, what: 'asked for hidden reasoning' },
};

export class FlagShareSignal implements SignalDetector {
  private readonly window: BitWindow;
  private readonly threshold: number;
  private readonly minRequests: number;

  constructor(
    readonly signal: FlagSignalName,
    private readonly permission: FlagPermission,
    limitedShare: number,
    windowSize: number,
    minRequests: number,
  ) {
    this.window = new BitWindow(windowSize);
    // forbidden: any one flagged request in the window crosses (share > 0, no minimum)
    this.threshold = permission === 'forbidden' ? 0 : limitedShare;
    this.minRequests = permission === 'forbidden' ? 1 : minRequests;
  }

  observe({ record }: ObservedRequest): void {
    this.window.push(FLAGS[this.signal].test(record));
  }

  read(): SignalReading {
    const w = this.window;
    return {
      signal: this.signal,
      value: w.share,
      threshold: this.threshold,
      enabled: this.permission !== 'allowed',
      ready: w.count >= this.minRequests,
      detail: `${w.yesCount} of the last ${w.count} requests ${FLAGS[this.signal].what} (plan: ${this.permission})`,
    };
  }

  retained(): number {
    return this.window.capacity;
  }
}
