/**
 * What the monitor keeps, per grant (its plan, declared prompts, frame and plan-relative
 * signals) and per grantee (the signals that add up all of a grantee's grants), each with the
 * alert gates of its signals and a short history of what was raised and done. Every part can be
 * saved as JSON and loaded back, so a restarted gateway goes on where it stopped.
 */
import { createHash } from 'node:crypto';
import type { MonitorAction } from '../contracts.js';
import { AlertGate } from './alert-gate.js';
import { DeclaredSet } from './declared-set.js';
import { FrameWords, type FrameState } from './frame-words.js';
import type { ResolvedPlan } from './plan.js';
import { DiversitySignal } from './signals/diversity.js';
import { FlagShareSignal } from './signals/flag-share.js';
import { ForbiddenAttemptsSignal } from './signals/forbidden-attempts.js';
import { OffPlanVolumeSignal } from './signals/off-plan-volume.js';
import { OffSuiteSignal } from './signals/off-suite.js';
import { PackingSignal } from './signals/packing.js';
import { PacingSignal } from './signals/pacing.js';
import type { SignalDetector, SignalName, SignalReading } from './signals/signal.js';
import { SustainedPacingSignal } from './signals/sustained-pacing.js';
import { TemplateSweepSignal } from './signals/template-sweep.js';
import { VolumeSignal } from './signals/volume.js';
import type { MonitorThresholds } from './thresholds.js';

/** Something the monitor raised or the gateway did about it, newest last (at most HISTORY kept). */
export interface MonitorEvent {
  /** ms since epoch. */
  time: number;
  kind: 'alert' | 'action' | 'resumed';
  signal?: string;
  value?: number;
  threshold?: number;
  action?: MonitorAction;
  /** What was done or said: the alert message, "suspended", "rpm 600 → 300", a resume reason. */
  text: string;
}

export const HISTORY = 50;

/** Requests by how they read against the plan. */
export interface TrafficCounts {
  requests: number;
  onPlan: number;
  offPlan: number;
  piggyback: number;
  undeclared: number;
  refused: number;
}

export interface GrantState {
  plan: ResolvedPlan;
  /** Changes whenever the plan does: saved state is only loaded back under the same plan. */
  digest: string;
  declared: DeclaredSet;
  frame: FrameWords;
  detectors: SignalDetector[];
  gates: Map<SignalName, AlertGate>;
  counts: TrafficCounts;
  lastSeen: number;
  events: MonitorEvent[];
}

/** A grantee's signals: not a SignalDetector each, since each is fed something different. */
export interface GranteeSignals {
  template_sweep: TemplateSweepSignal;
  off_plan_volume: OffPlanVolumeSignal;
  forbidden_attempts: ForbiddenAttemptsSignal;
}

export interface GranteeState {
  grantee: string;
  signals: GranteeSignals;
  gates: Map<SignalName, AlertGate>;
  /** Grants of this grantee the monitor has seen traffic or a plan for. */
  grants: Set<string>;
  lastSeen: number;
}

export function planDigest(plan: ResolvedPlan): string {
  return createHash('sha256').update(JSON.stringify(plan)).digest('hex').slice(0, 32);
}

function detectorsFor(plan: ResolvedPlan, declared: number): SignalDetector[] {
  const t = plan.thresholds;
  const hasPrompts = declared > 0;
  return [
    new VolumeSignal({ requests: plan.expectedRequests, tokens: plan.expectedTokens }, t.volumeRatio),
    new PacingSignal(plan.maxRequestsPerHour, t.pacingRatio),
    new SustainedPacingSignal(t.sustainedMinRequestsPerHour, t.sustainedHours),
    new OffSuiteSignal(declared, t.offSuiteShare, t.offSuiteWindow, t.offSuiteMinRequests, t.offSuiteMinTokens),
    hasPrompts
      ? new DiversitySignal(declared, 'declared prompts', t.diversityRatio, t.diversityMinExtra)
      : new DiversitySignal(plan.expectedRequests, 'expected requests', t.diversityRatio, t.diversityMinExtra),
    new FlagShareSignal('logprob_harvest', plan.flags.logprobs, t.logprobShare, t.flagWindow, t.flagMinRequests, hasPrompts),
    new FlagShareSignal('multi_sample_harvest', plan.flags.multipleSamples, t.multiSampleShare, t.flagWindow, t.flagMinRequests, hasPrompts),
    new FlagShareSignal('hidden_reasoning', plan.flags.reasoning, t.hiddenReasoningShare, t.flagWindow, t.flagMinRequests, hasPrompts),
    new PackingSignal({ requests: plan.expectedRequests, tokens: plan.expectedTokens }, t.packingRatio, t.packingWindow, t.packingMinRequests),
  ];
}

const gatesFor = (signals: readonly SignalName[], t: MonitorThresholds) =>
  new Map(signals.map((s) => [s, new AlertGate(t.cooldownMs, t.rearmFraction)]));

export function newGrantState(plan: ResolvedPlan): GrantState {
  const t = plan.thresholds;
  const declared = new DeclaredSet(plan.suitePrompts, plan.fingerprints, { shingleThreshold: t.suiteMatchContainment, wordThreshold: t.wordMatchContainment });
  const detectors = detectorsFor(plan, declared.size);
  return {
    plan,
    digest: planDigest(plan),
    declared,
    frame: new FrameWords(t.frameShare, t.frameMinRequests),
    detectors,
    gates: gatesFor(detectors.map((d) => d.signal), t),
    counts: { requests: 0, onPlan: 0, offPlan: 0, piggyback: 0, undeclared: 0, refused: 0 },
    lastSeen: Number.NEGATIVE_INFINITY,
    events: [],
  };
}

export function newGranteeState(grantee: string, t: MonitorThresholds): GranteeState {
  const signals: GranteeSignals = {
    template_sweep: new TemplateSweepSignal(
      t.templateSweepPrompts,
      { maxSlotWords: t.templateMaxSlotWords, minChars: t.templateMinChars, junkWords: t.templateJunkWords },
      t.templateWindow,
    ),
    off_plan_volume: new OffPlanVolumeSignal({
      dailyRequests: t.offPlanDailyRequests,
      dailyTokens: t.offPlanDailyTokens,
      totalRequests: t.offPlanTotalRequests,
      totalTokens: t.offPlanTotalTokens,
    }),
    forbidden_attempts: new ForbiddenAttemptsSignal(t.forbiddenAttempts),
  };
  return { grantee, signals, gates: gatesFor(Object.keys(signals) as SignalName[], t), grants: new Set(), lastSeen: Number.NEGATIVE_INFINITY };
}

export function granteeReadings(s: GranteeState, now: number): SignalReading[] {
  return Object.values(s.signals).map((d) => d.read(now));
}

export function pushEvent(events: MonitorEvent[], e: MonitorEvent): void {
  events.push(e);
  if (events.length > HISTORY) events.splice(0, events.length - HISTORY);
}

// ---- saving and loading ----

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

export interface SavedGrant {
  digest: string;
  detectors: unknown[];
  gates: [boolean, number | null][];
  frame: FrameState;
  counts: TrafficCounts;
  lastSeen: number | null;
  events: MonitorEvent[];
}

export function saveGrant(s: GrantState): SavedGrant {
  return {
    digest: s.digest,
    detectors: s.detectors.map((d) => d.save()),
    gates: s.detectors.map((d) => s.gates.get(d.signal)!.save()),
    frame: s.frame.save(),
    counts: { ...s.counts },
    lastSeen: finite(s.lastSeen),
    events: s.events,
  };
}

/** Loads saved state into a fresh state of the same plan; false (and nothing loaded) when the plan changed. */
export function loadGrant(s: GrantState, saved: SavedGrant): boolean {
  if (saved.digest !== s.digest || saved.detectors.length !== s.detectors.length) return false;
  s.detectors.forEach((d, i) => {
    d.load(saved.detectors[i]);
    s.gates.get(d.signal)!.load(saved.gates[i]);
  });
  s.frame.load(saved.frame);
  s.counts = { ...s.counts, ...saved.counts };
  s.lastSeen = saved.lastSeen ?? Number.NEGATIVE_INFINITY;
  s.events = saved.events ?? [];
  return true;
}

export interface SavedGrantee {
  signals: Record<string, unknown>;
  gates: Record<string, [boolean, number | null]>;
  grants: string[];
  lastSeen: number | null;
}

export function saveGrantee(s: GranteeState): SavedGrantee {
  return {
    signals: Object.fromEntries(Object.entries(s.signals).map(([k, d]) => [k, d.save()])),
    gates: Object.fromEntries([...s.gates].map(([k, g]) => [k, g.save()])),
    grants: [...s.grants],
    lastSeen: finite(s.lastSeen),
  };
}

export function loadGrantee(s: GranteeState, saved: SavedGrantee): void {
  for (const [k, d] of Object.entries(s.signals)) if (saved.signals[k] !== undefined) d.load(saved.signals[k] as never);
  for (const [k, g] of s.gates) if (saved.gates[k]) g.load(saved.gates[k]);
  for (const id of saved.grants) s.grants.add(id);
  s.lastSeen = saved.lastSeen ?? Number.NEGATIVE_INFINITY;
}
