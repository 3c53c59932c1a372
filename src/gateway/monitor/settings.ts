/**
 * gateway.yaml's `monitor:` section (all optional):
 *
 *   monitor:
 *     enabled: true                 # false: no extraction monitoring at all
 *     saveEverySeconds: 30          # how often changed monitor state is written to the store
 *     thresholds:                   # over the defaults in thresholds.ts, for every grant and grantee
 *       offSuiteShare: 0.25
 *       templateSweepPrompts: 150
 *     policy:                       # default action per signal; a grant's --on-signal wins
 *       hidden_reasoning: suspend
 *
 * Checked when the gateway starts: an unknown key, threshold or signal is a one-line ConfigError.
 */
import { ConfigError } from '../../core/errors.js';
import type { MonitorAction } from '../contracts.js';
import { resolvePlan } from './plan.js';
import type { SignalName } from './signals/signal.js';
import { DEFAULT_THRESHOLDS, type MonitorThresholds } from './thresholds.js';

export interface MonitorSettings {
  enabled: boolean;
  saveEverySeconds: number;
  thresholds: Partial<MonitorThresholds>;
  policy: Partial<Record<SignalName, MonitorAction>>;
}

const KEYS = new Set(['enabled', 'saveEverySeconds', 'thresholds', 'policy']);

export function monitorSettings(raw: unknown, source = 'gateway config'): MonitorSettings {
  const fail = (msg: string): never => {
    throw new ConfigError(`${source}: monitor.${msg}`);
  };
  const r = (raw ?? {}) as Record<string, unknown>;
  if (typeof r !== 'object' || Array.isArray(r)) fail('must be a mapping');
  for (const key of Object.keys(r)) if (!KEYS.has(key)) fail(`${key}: unknown setting (use ${[...KEYS].join(', ')})`);
  if (r.enabled !== undefined && typeof r.enabled !== 'boolean') fail('enabled must be true or false');
  const every = r.saveEverySeconds ?? 30;
  if (typeof every !== 'number' || !(every > 0)) fail('saveEverySeconds must be a positive number');
  const thresholds = (r.thresholds ?? {}) as Record<string, unknown>;
  const policy = (r.policy ?? {}) as Record<string, unknown>;
  for (const [name, v] of [['thresholds', thresholds], ['policy', policy]] as const) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`${name} must be a mapping`);
  }
  for (const key of Object.keys(thresholds)) if (!(key in DEFAULT_THRESHOLDS)) fail(`thresholds.${key}: unknown threshold`);
  try {
    // the monitor's own checks: numbers ≥ 0, whole-number windows, known signals and actions
    resolvePlan({ grantId: 'settings', suites: [], window: { start: 0, end: 1 } }, thresholds as Partial<MonitorThresholds>, policy as never);
  } catch (err) {
    fail((err as Error).message.replace(/^plan /, ''));
  }
  return {
    enabled: r.enabled !== false,
    saveEverySeconds: every as number,
    thresholds: thresholds as Partial<MonitorThresholds>,
    policy: policy as Partial<Record<SignalName, MonitorAction>>,
  };
}
