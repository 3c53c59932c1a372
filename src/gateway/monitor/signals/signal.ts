/**
 * What every extraction signal looks like to the monitor: a small stateful detector fed one
 * request at a time, read as a value compared with a threshold ("crossed" means value > threshold).
 */
import type { TrafficRecord } from '../../contracts.js';
import type { RequestView } from '../request-view.js';

export const SIGNALS = [
  'volume',
  'pacing',
  'sustained_pacing',
  'off_suite_share',
  'diversity',
  'template_sweep',
  'logprob_harvest',
  'multi_sample_harvest',
  'hidden_reasoning',
  'packing',
  'off_plan_volume',
  'forbidden_attempts',
] as const;

export type SignalName = (typeof SIGNALS)[number];

/** Signals kept per grantee, adding up every grant the grantee holds (the rest are per grant). */
export const GRANTEE_SIGNALS: readonly SignalName[] = ['template_sweep', 'off_plan_volume', 'forbidden_attempts'];

/** A request with what the monitor computes once and every detector shares. */
export interface ObservedRequest {
  record: TrafficRecord;
  view: RequestView;
}

export interface SignalReading {
  signal: SignalName;
  value: number;
  threshold: number;
  /** false when the plan lacks what the signal needs (e.g. no declared suite prompts). */
  enabled: boolean;
  /** false while there is too little evidence to judge (e.g. fewer than 200 requests). */
  ready: boolean;
  /** How the value was obtained, in words, for alerts and status pages. */
  detail: string;
}

export interface SignalDetector {
  readonly signal: SignalName;
  observe(request: ObservedRequest): void;
  /** Current reading; `now` is the time of the latest record (ms since epoch). */
  read(now: number): SignalReading;
  /** Items held in memory (buckets, slots, entries): bounded whatever the traffic. */
  retained(): number;
  /** State as JSON, for the gateway store; load() takes it back (same plan, same thresholds). */
  save(): unknown;
  load(state: unknown): void;
}

/** The one definition of "crossed" used by the monitor, snapshots and tests. */
export function isCrossed(r: SignalReading): boolean {
  return r.enabled && r.ready && r.value > r.threshold;
}
