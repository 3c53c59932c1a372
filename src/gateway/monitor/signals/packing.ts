/**
 * packing: tokens per request against the grant's declared budget per request (expected tokens ÷
 * expected requests). Request-count thresholds miss a grantee that packs twenty tasks into each
 * request; its tokens per request are many times what an evaluation of short items uses. The
 * mean over the last N requests (input + output), so one long answer does not decide it.
 */
import { WindowedSignal } from '../weighted-window.js';
import type { ObservedRequest, SignalDetector, SignalReading } from './signal.js';

export class PackingSignal extends WindowedSignal implements SignalDetector {
  readonly signal = 'packing' as const;
  private readonly perRequest: number | undefined;

  constructor(
    expected: { requests?: number; tokens?: number },
    private readonly threshold: number,
    windowSize: number,
    private readonly minRequests: number,
  ) {
    super(windowSize);
    this.perRequest = expected.requests && expected.tokens ? expected.tokens / expected.requests : undefined;
  }

  observe({ record }: ObservedRequest): void {
    this.window.push(true, Math.max(0, record.inputTokens) + Math.max(0, record.outputTokens));
  }

  read(): SignalReading {
    const w = this.window;
    const mean = w.count ? w.weightSum / w.count : 0;
    return {
      signal: this.signal,
      value: this.perRequest ? mean / this.perRequest : 0,
      threshold: this.threshold,
      enabled: this.perRequest !== undefined,
      ready: w.count >= this.minRequests,
      detail: this.perRequest
        ? `${Math.round(mean)} tokens per request over the last ${w.count} requests, plan budgets ${Math.round(this.perRequest)}`
        : 'plan declares no token budget (expected tokens and requests)',
    };
  }
}
