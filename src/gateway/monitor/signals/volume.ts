/**
 * volume: requests and tokens used so far against what the plan declared for the whole window.
 * Two counters, so memory is constant.
 */
import type { ObservedRequest, SignalDetector, SignalReading } from './signal.js';

export class VolumeSignal implements SignalDetector {
  readonly signal = 'volume' as const;
  private requests = 0;
  private tokens = 0;

  constructor(
    private readonly expected: { requests?: number; tokens?: number },
    private readonly threshold: number,
  ) {}

  observe({ record }: ObservedRequest): void {
    this.requests++;
    this.tokens += Math.max(0, record.inputTokens) + Math.max(0, record.outputTokens);
  }

  read(): SignalReading {
    const { requests, tokens } = this.expected;
    const byRequests = requests ? this.requests / requests : 0;
    const byTokens = tokens ? this.tokens / tokens : 0;
    const parts: string[] = [];
    if (requests) parts.push(`${this.requests} of ${requests} declared requests`);
    if (tokens) parts.push(`${this.tokens} of ${tokens} declared tokens`);
    return {
      signal: this.signal,
      value: Math.max(byRequests, byTokens),
      threshold: this.threshold,
      enabled: requests !== undefined || tokens !== undefined,
      ready: true,
      detail: parts.length ? parts.join('; ') : 'plan declares no expected requests or tokens',
    };
  }

  retained(): number {
    return 2;
  }

  save(): { requests: number; tokens: number } {
    return { requests: this.requests, tokens: this.tokens };
  }

  load(state: unknown): void {
    ({ requests: this.requests, tokens: this.tokens } = state as { requests: number; tokens: number });
  }
}
