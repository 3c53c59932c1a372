/**
 * The extraction / distillation monitor: per grant, every signal is updated from each request
 * that reached the upstream, and a signal that newly crosses its threshold yields one alert
 * carrying the action the grant's policy assigns. Pure logic: the gateway feeds records in and
 * acts on (and audits) the alerts that come out.
 *
 * Memory per grant is bounded whatever the traffic: fixed windows, buckets, a distinct-count
 * sketch and a capped template table; the suite index grows with the declared suites only.
 */
import type { MonitorAction, MonitorAlert, TrafficRecord } from '../contracts.js';
import { AlertGate } from './alert-gate.js';
import { SuiteIndex } from './near-duplicate.js';
import { resolvePlan, undeclaredPlan, type GrantPlan, type ResolvedPlan } from './plan.js';
import { DiversitySignal } from './signals/diversity.js';
import { FlagShareSignal } from './signals/flag-share.js';
import { OffSuiteSignal } from './signals/off-suite.js';
import { PacingSignal } from './signals/pacing.js';
import { isCrossed, type SignalDetector, type SignalName, type SignalReading } from './signals/signal.js';
import { SustainedPacingSignal } from './signals/sustained-pacing.js';
import { TemplateSweepSignal } from './signals/template-sweep.js';
import { VolumeSignal } from './signals/volume.js';
import type { MonitorThresholds } from './thresholds.js';
import { tokenize } from './text.js';

export interface SignalStatus extends SignalReading {
  crossed: boolean;
  /** false between an alert and the signal falling back (or the cool-down passing). */
  armed: boolean;
  action: MonitorAction;
}

export interface GrantSnapshot {
  grantId: string;
  /** false when traffic arrived for a grant whose plan the monitor was never given. */
  planDeclared: boolean;
  suites: string[];
  window: { start: number; end: number };
  requests: number;
  /** Requests whose prompt matched a declared suite prompt. */
  suiteMatches: number;
  /** Time of the latest record, ms since epoch; absent before any traffic. */
  lastSeen?: number;
  signals: SignalStatus[];
}

interface GrantState {
  plan: ResolvedPlan;
  index: SuiteIndex;
  detectors: SignalDetector[];
  gates: Map<SignalName, AlertGate>;
  requests: number;
  suiteMatches: number;
  lastSeen: number;
}

export interface ExtractionMonitorOptions {
  plans?: GrantPlan[];
  /** Monitor-wide threshold defaults; a plan's own overrides sit on top. */
  thresholds?: Partial<MonitorThresholds>;
}

function detectorsFor(plan: ResolvedPlan): SignalDetector[] {
  const t = plan.thresholds;
  const suiteCount = plan.suitePrompts.length;
  return [
    new VolumeSignal({ requests: plan.expectedRequests, tokens: plan.expectedTokens }, t.volumeRatio),
    new PacingSignal(plan.maxRequestsPerHour, t.pacingRatio),
    new SustainedPacingSignal(t.sustainedMinRequestsPerHour, t.sustainedHours),
    new OffSuiteSignal(suiteCount, t.offSuiteShare, t.offSuiteWindow, t.offSuiteMinRequests),
    suiteCount > 0
      ? new DiversitySignal(suiteCount, 'declared suite prompts', t.diversityRatio, t.diversityMinExtra)
      : new DiversitySignal(plan.expectedRequests, 'expected requests', t.diversityRatio, t.diversityMinExtra),
    new TemplateSweepSignal(t.templateSweepPrompts, t.templateMaxSlotWords, t.templateMinChars),
    new FlagShareSignal('logprob_harvest', plan.flags.logprobs, t.logprobShare, t.flagWindow, t.flagMinRequests),
    new FlagShareSignal('multi_sample_harvest', plan.flags.multipleSamples, t.multiSampleShare, t.flagWindow, t.flagMinRequests),
    new FlagShareSignal('hidden_reasoning', plan.flags.reasoning, t.hiddenReasoningShare, t.flagWindow, t.flagMinRequests),
  ];
}

function formatValue(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(3);
}

export class ExtractionMonitor {
  private readonly grants = new Map<string, GrantState>();
  private readonly defaults: Partial<MonitorThresholds>;

  constructor(options: ExtractionMonitorOptions = {}) {
    this.defaults = options.thresholds ?? {};
    for (const plan of options.plans ?? []) this.setPlan(plan);
  }

  /**
   * Declares (or replaces) a grant's plan. Replacing starts the grant's signals afresh: the
   * thresholds they were built against have changed.
   */
  setPlan(plan: GrantPlan): void {
    this.grants.set(plan.grantId, this.stateFor(resolvePlan(plan, this.defaults)));
  }

  /** Drops a grant's state (after revocation or expiry). */
  forget(grantId: string): void {
    this.grants.delete(grantId);
  }

  /** Updates every signal of the record's grant; returns alerts for signals that newly crossed. */
  observe(record: TrafficRecord): MonitorAlert[] {
    let state = this.grants.get(record.grantId);
    if (!state) {
      state = this.stateFor(undeclaredPlan(record.grantId, this.defaults));
      this.grants.set(record.grantId, state);
    }
    const tokens = tokenize(record.prompt);
    const suite = state.index.matchHashes(tokens.hashes);
    const observed = { record, tokens, suite };
    state.requests++;
    if (suite.matched) state.suiteMatches++;
    state.lastSeen = Math.max(state.lastSeen, record.time);

    const alerts: MonitorAlert[] = [];
    for (const detector of state.detectors) {
      detector.observe(observed);
      const reading = detector.read(state.lastSeen);
      if (!state.gates.get(detector.signal)!.shouldAlert(reading, state.lastSeen)) continue;
      alerts.push({
        grantId: record.grantId,
        signal: reading.signal,
        value: reading.value,
        threshold: reading.threshold,
        message: `${reading.signal} ${formatValue(reading.value)} > ${formatValue(reading.threshold)}: ${reading.detail}`,
        action: state.plan.policy[reading.signal],
      });
    }
    return alerts;
  }

  /** Current value of every signal with its threshold, or undefined for an unknown grant. */
  snapshot(grantId: string): GrantSnapshot | undefined {
    const state = this.grants.get(grantId);
    if (!state) return undefined;
    return {
      grantId,
      planDeclared: state.plan.declared,
      suites: [...state.plan.suites],
      window: { ...state.plan.window },
      requests: state.requests,
      suiteMatches: state.suiteMatches,
      lastSeen: state.requests > 0 ? state.lastSeen : undefined,
      signals: state.detectors.map((d) => {
        const reading = d.read(state.lastSeen);
        return { ...reading, crossed: isCrossed(reading), armed: state.gates.get(d.signal)!.isArmed, action: state.plan.policy[d.signal] };
      }),
    };
  }

  /** Items each signal holds for a grant: what "bounded memory" is checked against. */
  retained(grantId: string): Partial<Record<SignalName, number>> {
    const state = this.grants.get(grantId);
    return Object.fromEntries((state?.detectors ?? []).map((d) => [d.signal, d.retained()]));
  }

  private stateFor(plan: ResolvedPlan): GrantState {
    const detectors = detectorsFor(plan);
    return {
      plan,
      index: new SuiteIndex(plan.suitePrompts, { threshold: plan.thresholds.suiteMatchContainment }),
      detectors,
      gates: new Map(detectors.map((d) => [d.signal, new AlertGate(plan.thresholds.cooldownMs, plan.thresholds.rearmFraction)])),
      requests: 0,
      suiteMatches: 0,
      lastSeen: Number.NEGATIVE_INFINITY,
    };
  }
}
