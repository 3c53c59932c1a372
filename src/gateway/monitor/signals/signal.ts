/**
 * What every extraction signal looks like to the monitor: a small stateful detector fed one
 * request at a time, read as a value compared with a threshold ("crossed" means value > threshold).
 */
import type { TrafficRecord } from '../../contracts.js';
import type { SuiteMatch } from '../near-duplicate.js';
import type { Tokens } from '../text.js';

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
] as const;

export type SignalName = (typeof SIGNALS)[number];

/** A request with the features the monitor computes once and every detector shares. */
export interface ObservedRequest {
  record: TrafficRecord;
  /** record.prompt tokenised once for every detector (text.ts). */
  tokens: Tokens;
  /** Best declared-suite match of the prompt (matched=false when no suite prompts are declared). */
  suite: SuiteMatch;
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
}

/** The one definition of "crossed" used by the monitor, snapshots and tests. */
export function isCrossed(r: SignalReading): boolean {
  return r.enabled && r.ready && r.value > r.threshold;
}
