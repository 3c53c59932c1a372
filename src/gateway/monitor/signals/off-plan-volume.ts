/**
 * off_plan_volume: how much off-plan traffic a grantee has sent, in absolute terms, across all
 * its grants: requests and tokens in the last 24 hours, and in total. A share can be diluted
 * (keep off-plan traffic just under 20% of a large evaluation) and split (spread it over two
 * grants); an absolute amount cannot. The value is the largest of the four ratios to their
 * limits, so it crosses 1.0 when any limit is passed. Only traffic on grants that declare
 * prompts is on or off plan; undeclared traffic is not counted here.
 */
import { BucketRing, type BucketRingState } from '../bucket-ring.js';
import type { RequestView } from '../request-view.js';
import type { SignalReading } from './signal.js';

export interface OffPlanLimits {
  dailyRequests: number;
  dailyTokens: number;
  totalRequests: number;
  totalTokens: number;
}

interface OffPlanState {
  day: BucketRingState;
  requests: number;
  tokens: number;
  declared: boolean;
}

export class OffPlanVolumeSignal {
  readonly signal = 'off_plan_volume' as const;
  private readonly day = new BucketRing(3600_000, 24, 2);
  private requests = 0;
  private tokens = 0;
  private declared = false;

  constructor(private readonly limits: OffPlanLimits) {}

  observe(view: RequestView, time: number, tokens: number): void {
    if (view.plan === 'undeclared') return;
    this.declared = true;
    if (view.plan !== 'off') return;
    this.requests++;
    this.tokens += tokens;
    this.day.add(time, 1, tokens);
  }

  read(now: number): SignalReading {
    const l = this.limits;
    const dayRequests = this.day.sum(now, 0);
    const dayTokens = this.day.sum(now, 1);
    return {
      signal: this.signal,
      value: Math.max(dayRequests / l.dailyRequests, dayTokens / l.dailyTokens, this.requests / l.totalRequests, this.tokens / l.totalTokens),
      threshold: 1,
      enabled: this.declared,
      ready: true,
      detail:
        `off plan, last 24 h: ${dayRequests} requests (limit ${l.dailyRequests}), ${dayTokens} tokens (limit ${l.dailyTokens}); ` +
        `in total: ${this.requests} requests (limit ${l.totalRequests}), ${this.tokens} tokens (limit ${l.totalTokens})`,
    };
  }

  retained(): number {
    return this.day.size;
  }

  save(): OffPlanState {
    return { day: this.day.save(), requests: this.requests, tokens: this.tokens, declared: this.declared };
  }

  load(state: unknown): void {
    const s = state as OffPlanState;
    this.day.load(s.day);
    this.requests = s.requests;
    this.tokens = s.tokens;
    this.declared = s.declared;
  }
}
