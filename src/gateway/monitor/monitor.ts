/**
 * The extraction / distillation monitor: per grant, every plan-relative signal is updated from
 * each request that reached the upstream; per grantee, the signals that add up all of its
 * grants (templates, off-plan volume, forbidden attempts). A signal that newly crosses its
 * threshold yields one alert carrying the action the grant's policy assigns (for a grantee
 * signal: the strictest action among the grantee's grants, applied to each of them). Pure
 * logic: the gateway feeds records in and acts on (and audits) the alerts that come out.
 *
 * Memory per grant and per grantee is bounded whatever the traffic: fixed windows, buckets,
 * sketches and capped tables; the declared-prompt index grows with the declared prompts only.
 */
import type { MonitorAction, MonitorAlert, RejectedCall, TrafficRecord } from '../contracts.js';
import { resolvePlan, undeclaredPlan, type GrantPlan } from './plan.js';
import {
  type GrantState,
  type GranteeState,
  type MonitorEvent,
  type SavedGrant,
  type SavedGrantee,
  type TrafficCounts,
  granteeReadings,
  loadGrant,
  loadGrantee,
  newGrantState,
  newGranteeState,
  pushEvent,
  saveGrant,
  saveGrantee,
} from './monitor-state.js';
import { viewRequest } from './request-view.js';
import { isCrossed, type SignalName, type SignalReading } from './signals/signal.js';
import type { MonitorThresholds } from './thresholds.js';

export interface SignalStatus extends SignalReading {
  crossed: boolean;
  /** false between an alert and the signal falling back (or the cool-down passing). */
  armed: boolean;
  action: MonitorAction;
  /** 'grantee': the value adds up every grant the grantee holds. */
  scope: 'grant' | 'grantee';
}

export interface GrantSnapshot {
  grantId: string;
  grantee: string;
  /** false when traffic arrived for a grant whose plan the monitor was never given. */
  planDeclared: boolean;
  suites: string[];
  /** Declared prompts the monitor matches requests against (texts and fingerprints). */
  declaredPrompts: number;
  flags: { logprobs: string; multipleSamples: string; reasoning: string };
  window: { start: number; end: number };
  requests: number;
  /** Requests by how they read against the plan (suiteMatches = onPlan, kept for older readers). */
  counts: TrafficCounts;
  suiteMatches: number;
  /** Time of the latest record, ms since epoch; absent before any traffic. */
  lastSeen?: number;
  signals: SignalStatus[];
  /** Alerts and what was done about them, newest last. */
  events: MonitorEvent[];
}

export interface ExtractionMonitorOptions {
  plans?: GrantPlan[];
  /** Monitor-wide threshold defaults; a plan's own overrides sit on top. Grantee signals use these. */
  thresholds?: Partial<MonitorThresholds>;
  /** Monitor-wide actions per signal; a plan's own policy sits on top. */
  policy?: Partial<Record<SignalName, MonitorAction>>;
}

/** What `grant list` shows of a grant's monitor: signals over threshold, alerts so far, the latest event. */
export interface MonitorSummary {
  requests: number;
  counts: TrafficCounts;
  crossed: { signal: string; value: number; threshold: number; action: MonitorAction; scope: SignalStatus['scope'] }[];
  alerts: number;
  lastEvent?: MonitorEvent;
}

export function monitorSummary(s: GrantSnapshot | undefined): MonitorSummary | null {
  if (!s) return null;
  return {
    requests: s.requests,
    counts: s.counts,
    crossed: s.signals.filter((x) => x.crossed).map(({ signal, value, threshold, action, scope }) => ({ signal, value, threshold, action, scope })),
    alerts: s.events.filter((e) => e.kind === 'alert').length,
    ...(s.events.length ? { lastEvent: s.events[s.events.length - 1] } : {}),
  };
}

const SEVERITY: Record<MonitorAction, number> = { alert: 0, throttle: 1, suspend: 2 };

function formatValue(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(3);
}

export class ExtractionMonitor {
  private readonly grants = new Map<string, GrantState>();
  private readonly grantees = new Map<string, GranteeState>();
  private readonly defaults: Partial<MonitorThresholds>;
  private readonly defaultPolicy: Partial<Record<SignalName, MonitorAction>>;
  private readonly granteeThresholds: MonitorThresholds;
  /** Saved-state keys changed since the last takeChanged(). */
  private readonly changed = new Set<string>();

  constructor(options: ExtractionMonitorOptions = {}) {
    this.defaults = options.thresholds ?? {};
    this.defaultPolicy = options.policy ?? {};
    this.granteeThresholds = resolvePlan({ grantId: 'defaults', suites: [], window: { start: 0, end: 1 } }, this.defaults).thresholds;
    for (const plan of options.plans ?? []) this.setPlan(plan);
  }

  /**
   * Declares (or replaces) a grant's plan. Replacing starts the grant's own signals afresh (the
   * thresholds they were built against have changed); the grantee's signals carry on.
   */
  setPlan(plan: GrantPlan): void {
    const state = newGrantState(resolvePlan(plan, this.defaults, this.defaultPolicy));
    this.grants.set(plan.grantId, state);
    this.granteeOf(state).grants.add(plan.grantId);
    this.changed.add(`grant:${plan.grantId}`);
  }

  hasPlan(grantId: string): boolean {
    return this.grants.get(grantId)?.plan.declared === true;
  }

  /** Drops a grant's state (after revocation or expiry). Its grantee's signals keep what it added. */
  forget(grantId: string): void {
    const state = this.grants.get(grantId);
    if (state) this.grantees.get(state.plan.grantee)?.grants.delete(grantId);
    this.grants.delete(grantId);
  }

  /** Updates every signal of the record's grant and grantee; returns alerts for signals that newly crossed. */
  observe(record: TrafficRecord): MonitorAlert[] {
    const state = this.stateOf(record.grantId, record.grantee);
    const grantee = this.granteeOf(state);
    const t = state.plan.thresholds;
    const view = viewRequest(record, state.declared, state.frame, {
      piggybackMinWords: t.piggybackMinWords,
      paraphraseAllowance: t.paraphraseAllowance,
      generatedTurns: state.plan.generatedTurns,
    });
    const c = state.counts;
    c.requests++;
    if (view.plan === 'on') c.onPlan++;
    else if (view.plan === 'off') c.offPlan++;
    else c.undeclared++;
    if (view.piggyback) c.piggyback++;
    state.lastSeen = Math.max(state.lastSeen, record.time);
    grantee.lastSeen = Math.max(grantee.lastSeen, record.time);
    this.changed.add(`grant:${record.grantId}`);
    this.changed.add(`grantee:${grantee.grantee}`);

    const alerts: MonitorAlert[] = [];
    for (const detector of state.detectors) {
      detector.observe({ record, view });
      this.gate(state, alerts, detector.read(state.lastSeen), state.gates, state.plan.policy[detector.signal]);
    }
    for (const doc of view.docs) grantee.signals.template_sweep.observe(doc);
    grantee.signals.off_plan_volume.observe(view, record.time, Math.max(0, record.inputTokens) + Math.max(0, record.outputTokens));
    this.granteeAlerts(state, grantee, ['template_sweep', 'off_plan_volume'], alerts);
    return alerts;
  }

  /** A request refused for what the grant forbids: counted by the grantee's forbidden_attempts. */
  rejected(call: RejectedCall): MonitorAlert[] {
    const state = this.stateOf(call.grantId, call.grantee);
    const grantee = this.granteeOf(state);
    state.counts.refused++;
    state.lastSeen = Math.max(state.lastSeen, call.time);
    grantee.lastSeen = Math.max(grantee.lastSeen, call.time);
    grantee.signals.forbidden_attempts.observe(call.time, call.code);
    this.changed.add(`grant:${call.grantId}`);
    this.changed.add(`grantee:${grantee.grantee}`);
    const alerts: MonitorAlert[] = [];
    this.granteeAlerts(state, grantee, ['forbidden_attempts'], alerts);
    return alerts;
  }

  /** Records what the gateway did about an alert (or an operator about a grant), for snapshots. */
  note(grantId: string, event: Omit<MonitorEvent, 'time'> & { time?: number }): void {
    const state = this.grants.get(grantId);
    if (!state) return;
    pushEvent(state.events, { ...event, time: event.time ?? Math.max(state.lastSeen, Date.now()) });
    this.changed.add(`grant:${grantId}`);
  }

  /** Current value of every signal (grant and grantee) with its threshold, or undefined for an unknown grant. */
  snapshot(grantId: string): GrantSnapshot | undefined {
    const state = this.grants.get(grantId);
    if (!state) return undefined;
    const grantee = this.grantees.get(state.plan.grantee);
    const now = Math.max(state.lastSeen, grantee?.lastSeen ?? Number.NEGATIVE_INFINITY);
    const status = (reading: SignalReading, gate: { isArmed: boolean } | undefined, action: MonitorAction, scope: SignalStatus['scope']): SignalStatus => ({
      ...reading,
      crossed: isCrossed(reading),
      armed: gate?.isArmed ?? true,
      action,
      scope,
    });
    const signals = state.detectors.map((d) => status(d.read(now), state.gates.get(d.signal), state.plan.policy[d.signal], 'grant'));
    if (grantee) {
      for (const r of granteeReadings(grantee, now)) signals.push(status(r, grantee.gates.get(r.signal), this.granteeAction(grantee, r.signal), 'grantee'));
    }
    const p = state.plan;
    return {
      grantId,
      grantee: p.grantee,
      planDeclared: p.declared,
      suites: [...p.suites],
      declaredPrompts: state.declared.size,
      flags: { ...p.flags },
      window: { ...p.window },
      requests: state.counts.requests,
      counts: { ...state.counts },
      suiteMatches: state.counts.onPlan,
      lastSeen: state.counts.requests + state.counts.refused > 0 ? state.lastSeen : undefined,
      signals,
      events: [...state.events],
    };
  }

  /** Items each signal holds for a grant (and its grantee): what "bounded memory" is checked against. */
  retained(grantId: string): Partial<Record<SignalName, number>> {
    const state = this.grants.get(grantId);
    if (!state) return {};
    const grantee = this.grantees.get(state.plan.grantee);
    return Object.fromEntries([
      ...state.detectors.map((d) => [d.signal, d.retained()]),
      ...Object.values(grantee?.signals ?? {}).map((d) => [d.signal, d.retained()]),
    ]);
  }

  /** Saved-state documents (key → JSON) changed since the last call. */
  takeChanged(): Map<string, string> {
    const out = new Map<string, string>();
    for (const key of this.changed) {
      const [kind, id] = splitKey(key);
      if (kind === 'grant') {
        const s = this.grants.get(id);
        if (s) out.set(key, JSON.stringify(saveGrant(s)));
      } else {
        const s = this.grantees.get(id);
        if (s) out.set(key, JSON.stringify(saveGrantee(s)));
      }
    }
    this.changed.clear();
    return out;
  }

  /**
   * Loads a document takeChanged() wrote. A grant's state is loaded only under the plan it was
   * saved with (setPlan first); returns false when it was not loaded.
   */
  loadSaved(key: string, json: string): boolean {
    const [kind, id] = splitKey(key);
    if (kind === 'grant') {
      const s = this.grants.get(id);
      return s ? loadGrant(s, JSON.parse(json) as SavedGrant) : false;
    }
    if (kind === 'grantee') {
      loadGrantee(this.granteeNamed(id), JSON.parse(json) as SavedGrantee);
      return true;
    }
    return false;
  }

  private stateOf(grantId: string, grantee?: string): GrantState {
    let state = this.grants.get(grantId);
    if (!state) {
      state = newGrantState(undeclaredPlan(grantId, this.defaults, grantee, this.defaultPolicy));
      this.grants.set(grantId, state);
    }
    return state;
  }

  private granteeNamed(name: string): GranteeState {
    let g = this.grantees.get(name);
    if (!g) {
      g = newGranteeState(name, this.granteeThresholds);
      this.grantees.set(name, g);
    }
    return g;
  }

  private granteeOf(state: GrantState): GranteeState {
    const g = this.granteeNamed(state.plan.grantee);
    g.grants.add(state.plan.grantId);
    return g;
  }

  /** The strictest action the grantee's grants assign to a grantee signal. */
  private granteeAction(grantee: GranteeState, signal: SignalName): MonitorAction {
    let action: MonitorAction = this.defaultPolicy[signal] ?? 'alert';
    for (const id of grantee.grants) {
      const a = this.grants.get(id)?.plan.policy[signal];
      if (a && SEVERITY[a] > SEVERITY[action]) action = a;
    }
    return action;
  }

  private granteeAlerts(state: GrantState, grantee: GranteeState, signals: SignalName[], alerts: MonitorAlert[]): void {
    const now = grantee.lastSeen;
    for (const signal of signals) {
      const reading = grantee.signals[signal as keyof GranteeState['signals']].read(now);
      const before = alerts.length;
      this.gate(state, alerts, reading, grantee.gates, this.granteeAction(grantee, signal), now);
      if (alerts.length > before) {
        const grantIds = [...grantee.grants].filter((id) => this.grants.has(id));
        Object.assign(alerts[before], { grantee: grantee.grantee, grantIds });
        for (const id of grantIds) if (id !== state.plan.grantId) this.note(id, eventOf(alerts[before], now));
      }
    }
  }

  private gate(state: GrantState, alerts: MonitorAlert[], reading: SignalReading, gates: GrantState['gates'], action: MonitorAction, now = state.lastSeen): void {
    if (!gates.get(reading.signal)!.shouldAlert(reading, now)) return;
    const alert: MonitorAlert = {
      grantId: state.plan.grantId,
      signal: reading.signal,
      value: reading.value,
      threshold: reading.threshold,
      message: `${reading.signal} ${formatValue(reading.value)} > ${formatValue(reading.threshold)}: ${reading.detail}`,
      action,
    };
    alerts.push(alert);
    pushEvent(state.events, eventOf(alert, now));
  }
}

function eventOf(alert: MonitorAlert, time: number): MonitorEvent {
  return { time, kind: 'alert', signal: alert.signal, value: alert.value, threshold: alert.threshold, action: alert.action, text: alert.message };
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf(':');
  return [key.slice(0, at), key.slice(at + 1)];
}
