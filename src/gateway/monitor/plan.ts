/**
 * The declared plan of a grant: what the grantee said it would do with the access. The monitor
 * compares traffic with it; every field the grantee leaves out disables the signals that need it
 * (and a snapshot says so) rather than guessing a number on its behalf.
 */
import { ConfigError } from '../../core/errors.js';
import type { MonitorAction } from '../contracts.js';
import type { FingerprintFile } from './fingerprint.js';
import type { SignalName } from './signals/signal.js';
import { SIGNALS } from './signals/signal.js';
import { DEFAULT_THRESHOLDS, type MonitorThresholds } from './thresholds.js';

/** How a grant treats a request flag: fine, fine in small doses (default), or never. */
export type FlagPermission = 'allowed' | 'limited' | 'forbidden';

export interface GrantPlan {
  grantId: string;
  /** Who holds the grant: grantee signals add up all of a grantee's grants. Default: the grant id (a grantee of its own). */
  grantee?: string;
  /** Declared suite names (for reports; matching uses suitePrompts and fingerprints). */
  suites: string[];
  /** The declared prompts' texts (suites Crosscheck ships, suite files). */
  suitePrompts?: string[];
  /** Declared prompts as fingerprints, for grantees who do not hand over their items' text. */
  fingerprints?: FingerprintFile[];
  /** User turns after the first assistant turn are written at run time (a simulated user). */
  generatedTurns?: boolean;
  /** Requests the grantee expects to send in the whole window (epochs and retries included). */
  expectedRequests?: number;
  /** Input + output tokens the grantee expects to use in the whole window. */
  expectedTokens?: number;
  /** The grant's validity, ms since epoch or ISO 8601. */
  window: { start: number | string; end: number | string };
  maxRequestsPerHour?: number;
  /** Logprobs, n > 1 and returned reasoning: 'limited' unless declared (see README). */
  flags?: { logprobs?: FlagPermission; multipleSamples?: FlagPermission; reasoning?: FlagPermission };
  /** What to do when a signal crosses its threshold; 'alert' unless given. */
  policy?: Partial<Record<SignalName, MonitorAction>>;
  thresholds?: Partial<MonitorThresholds>;
}

export interface ResolvedPlan {
  grantId: string;
  grantee: string;
  suites: string[];
  suitePrompts: string[];
  fingerprints: FingerprintFile[];
  generatedTurns: boolean;
  expectedRequests?: number;
  expectedTokens?: number;
  window: { start: number; end: number };
  maxRequestsPerHour?: number;
  flags: { logprobs: FlagPermission; multipleSamples: FlagPermission; reasoning: FlagPermission };
  policy: Record<SignalName, MonitorAction>;
  thresholds: MonitorThresholds;
  /** false for the placeholder plan of a grant the monitor was never told about. */
  declared: boolean;
}

const ACTIONS: readonly MonitorAction[] = ['alert', 'throttle', 'suspend'];
const PERMISSIONS: readonly FlagPermission[] = ['allowed', 'limited', 'forbidden'];

function time(value: number | string, what: string): number {
  const t = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(t)) throw new ConfigError(`plan ${what} is not a time: ${String(value)}`);
  return t;
}

function positive(value: number | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
    throw new ConfigError(`plan ${what} must be a positive number, got ${String(value)}`);
  }
  return value;
}

/**
 * Validates a plan and fills in defaults; throws ConfigError (one line) on bad input.
 * `defaults` and `defaultPolicy` are the monitor-wide ones (gateway.yaml's monitor section):
 * the plan's own sit on top.
 */
export function resolvePlan(plan: GrantPlan, defaults: Partial<MonitorThresholds> = {}, defaultPolicy: Partial<Record<SignalName, MonitorAction>> = {}): ResolvedPlan {
  if (!plan.grantId) throw new ConfigError('plan grantId is empty');
  const start = time(plan.window?.start, 'window.start');
  const end = time(plan.window?.end, 'window.end');
  if (end <= start) throw new ConfigError(`plan window ends before it starts (${plan.grantId})`);

  const thresholds: MonitorThresholds = { ...DEFAULT_THRESHOLDS, ...defaults, ...plan.thresholds };
  for (const [key, value] of Object.entries(thresholds)) {
    if (!(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
      throw new ConfigError(`plan threshold ${key} must be a number ≥ 0, got ${String(value)}`);
    }
  }
  for (const key of ['offSuiteWindow', 'flagWindow', 'packingWindow', 'templateWindow', 'templateMaxSlotWords'] as const) {
    if (!Number.isInteger(thresholds[key]) || thresholds[key] < 1) throw new ConfigError(`plan threshold ${key} must be a whole number ≥ 1`);
  }
  if (!Number.isInteger(thresholds.templateJunkWords)) throw new ConfigError('plan threshold templateJunkWords must be a whole number');
  for (const key of ['offPlanDailyRequests', 'offPlanDailyTokens', 'offPlanTotalRequests', 'offPlanTotalTokens'] as const) {
    if (!(thresholds[key] > 0)) throw new ConfigError(`plan threshold ${key} must be above 0`);
  }

  const policy = Object.fromEntries(SIGNALS.map((s) => [s, 'alert'])) as Record<SignalName, MonitorAction>;
  for (const [signal, action] of [...Object.entries(defaultPolicy), ...Object.entries(plan.policy ?? {})]) {
    if (!(SIGNALS as readonly string[]).includes(signal)) throw new ConfigError(`plan policy names an unknown signal: ${signal}`);
    if (!ACTIONS.includes(action)) throw new ConfigError(`plan policy for ${signal} must be alert, throttle or suspend, got ${String(action)}`);
    policy[signal as SignalName] = action;
  }

  const flag = (p: FlagPermission | undefined, what: string): FlagPermission => {
    if (p === undefined) return 'limited';
    if (!PERMISSIONS.includes(p)) throw new ConfigError(`plan flags.${what} must be allowed, limited or forbidden, got ${String(p)}`);
    return p;
  };

  return {
    grantId: plan.grantId,
    grantee: plan.grantee || plan.grantId,
    suites: [...(plan.suites ?? [])],
    suitePrompts: [...(plan.suitePrompts ?? [])],
    fingerprints: [...(plan.fingerprints ?? [])],
    generatedTurns: plan.generatedTurns === true,
    expectedRequests: positive(plan.expectedRequests, 'expectedRequests'),
    expectedTokens: positive(plan.expectedTokens, 'expectedTokens'),
    window: { start, end },
    maxRequestsPerHour: positive(plan.maxRequestsPerHour, 'maxRequestsPerHour'),
    flags: {
      logprobs: flag(plan.flags?.logprobs, 'logprobs'),
      multipleSamples: flag(plan.flags?.multipleSamples, 'multipleSamples'),
      reasoning: flag(plan.flags?.reasoning, 'reasoning'),
    },
    policy,
    thresholds,
    declared: true,
  };
}

/**
 * The plan assumed for traffic on a grant the monitor has no plan for: nothing declared, so
 * only the plan-free signals (template sweeps, flag shares, sustained pacing, forbidden
 * attempts) can judge it.
 */
export function undeclaredPlan(
  grantId: string,
  defaults: Partial<MonitorThresholds> = {},
  grantee?: string,
  defaultPolicy: Partial<Record<SignalName, MonitorAction>> = {},
): ResolvedPlan {
  return { ...resolvePlan({ grantId, grantee, suites: [], window: { start: 0, end: Number.MAX_SAFE_INTEGER } }, defaults, defaultPolicy), declared: false };
}
