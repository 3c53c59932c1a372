/**
 * logprob_harvest, multi_sample_harvest, hidden_reasoning: the share of recent requests that set
 * a flag. Logprobs and n > 1 return a model's output distribution, which is what distillation
 * learns from far more efficiently than single samples; hidden reasoning is what the provider
 * chose not to hand out.
 *
 * What the grant says decides what counts: `limited` (the default) counts every flagged request
 * against a small share; `forbidden` makes any single one cross; `allowed` (the grant lets the
 * grantee ask: `--max-logprobs 5`, `--max-n 8`, `--allow-reasoning`) counts only flagged
 * requests that are off plan, since the permission was given for the declared evaluation, and
 * is off when the plan declares no prompts to tell on from off.
 */
import type { TrafficRecord } from '../../contracts.js';
import type { FlagPermission } from '../plan.js';
import { WindowedSignal } from '../weighted-window.js';
import type { ObservedRequest, SignalDetector, SignalReading } from './signal.js';

export type FlagSignalName = 'logprob_harvest' | 'multi_sample_harvest' | 'hidden_reasoning';

const FLAGS: Record<FlagSignalName, { test: (r: TrafficRecord) => boolean; what: string }> = {
  logprob_harvest: { test: (r) => r.logprobs || r.topLogprobs > 0, what: 'asked for logprobs' },
  multi_sample_harvest: { test: (r) => r.n > 1, what: 'asked for n > 1 completions' },
  hidden_reasoning: { test: (r) => r.reasoningRequested, what: 'asked for hidden reasoning' },
};

export class FlagShareSignal extends WindowedSignal implements SignalDetector {
  private readonly threshold: number;
  private readonly minRequests: number;

  constructor(
    readonly signal: FlagSignalName,
    private readonly permission: FlagPermission,
    limitedShare: number,
    windowSize: number,
    minRequests: number,
    /** The plan declares prompts, so requests are on or off plan. */
    private readonly declared: boolean,
  ) {
    super(windowSize);
    // forbidden: any one flagged request in the window crosses (share > 0, no minimum)
    this.threshold = permission === 'forbidden' ? 0 : limitedShare;
    this.minRequests = permission === 'forbidden' ? 1 : minRequests;
  }

  observe({ record, view }: ObservedRequest): void {
    const flagged = FLAGS[this.signal].test(record);
    this.window.push(this.permission === 'allowed' ? flagged && view.plan === 'off' : flagged);
  }

  read(): SignalReading {
    const w = this.window;
    const offPlan = this.permission === 'allowed' ? 'were off plan and ' : '';
    return {
      signal: this.signal,
      value: w.share,
      threshold: this.threshold,
      enabled: this.permission !== 'allowed' || this.declared,
      ready: w.count >= this.minRequests,
      detail: `${w.yeses} of the last ${w.count} requests ${offPlan}${FLAGS[this.signal].what} (grant: ${this.permission})`,
    };
  }
}
