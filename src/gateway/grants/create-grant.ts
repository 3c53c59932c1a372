import { randomBytes } from 'node:crypto';
import { CrosscheckError, UsageError } from '../../core/errors.js';
import type { GatewayModelConfig } from '../config.js';
import { parseExpiry } from './duration.js';
import { type DeclaredPromptsInput, type StoredPrompts, checkDeclaredPrompts } from './declared-prompts.js';
import type { Grant, GrantLimits, GrantPolicy } from './grant.js';
import { generateKey, hashKey } from './keys.js';
import { resolvePlan } from '../monitor/plan.js';
import { SIGNALS } from '../monitor/signals/signal.js';
import { DEFAULT_THRESHOLDS } from '../monitor/thresholds.js';

/** What a grantor asks for (admin API body / `grant create` flags). */
export interface GrantRequest {
  grantee: string;
  models: string[];
  /** Duration (`30d`) or date; absent = never expires. */
  expires?: string;
  purpose?: string;
  suites?: string[];
  limits?: GrantLimits;
  policy?: Partial<GrantPolicy>;
  onSignal?: Record<string, string>;
  expectedRequests?: number;
  expectedTokens?: number;
  allowReasoning?: boolean;
  generatedTurns?: boolean;
  /** The evaluation's prompts, as texts or fingerprints, one entry per source (a suite file...). */
  declaredPrompts?: DeclaredPromptsInput;
  /** Monitor thresholds for this grant (names as in the monitor README). */
  monitorThresholds?: Record<string, number>;
}

export interface NewGrant {
  grant: Grant;
  /** Shown to the grantor once; only keyHash is stored. */
  key: string;
  keyHash: string;
  /** The declared prompts to keep beside the grant (the grant carries their summary). */
  prompts?: StoredPrompts;
}

/** Validates a grant request against the configured models and mints its key. */
export function createGrant(req: GrantRequest, models: Map<string, GatewayModelConfig>, now = new Date()): NewGrant {
  if (typeof req.grantee !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/.test(req.grantee)) {
    throw new UsageError('grantee must be a short name such as lab-b (letters, digits, . _ @ -)');
  }
  if (!Array.isArray(req.models) || req.models.length === 0) throw new UsageError('a grant needs at least one model');
  const unknown = req.models.filter((m) => !models.has(m));
  if (unknown.length) {
    throw new UsageError(`unknown model${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: the gateway serves ${[...models.keys()].join(', ')}`);
  }
  const limits = checkLimits(req.limits ?? {});
  const policy: GrantPolicy = {
    deny: [...new Set(stringList(req.policy?.deny, 'deny'))],
    ...optionalCount(req.policy?.maxLogprobs, 'maxLogprobs', 0, 'maxLogprobs'),
    ...optionalCount(req.policy?.maxN, 'maxN', 1, 'maxN'),
    ...(req.policy?.allowList === true ? { allowList: true } : {}),
    ...(req.policy?.allow?.length ? { allow: [...new Set(stringList(req.policy.allow, 'allow'))] } : {}),
  };
  if (req.policy?.allowList !== undefined && typeof req.policy.allowList !== 'boolean') throw new UsageError('allowList must be true or false');
  const declared = checkDeclaredPrompts(req.declaredPrompts);
  const key = generateKey();
  const grant: Grant = {
    id: `grant_${randomBytes(9).toString('base64url')}`,
    grantee: req.grantee,
    models: [...new Set(req.models)].map((name) => ({ name, ...(models.get(name)!.variant ? { variant: models.get(name)!.variant } : {}) })),
    status: 'active',
    createdAt: now.toISOString(),
    expiresAt: req.expires ? parseExpiry(req.expires, now) : null,
    purpose: typeof req.purpose === 'string' ? req.purpose : '',
    suites: stringList(req.suites, 'suites'),
    limits,
    policy,
    ...(req.onSignal ? { onSignal: checkOnSignal(req.onSignal) } : {}),
    ...optionalCount(req.expectedRequests, 'expectedRequests', 1, 'expectedRequests'),
    ...optionalCount(req.expectedTokens, 'expectedTokens', 1, 'expectedTokens'),
    ...flag(req.allowReasoning, 'allowReasoning'),
    ...flag(req.generatedTurns, 'generatedTurns'),
    ...(declared ? { declaredPrompts: declared.summary } : {}),
    ...(req.monitorThresholds !== undefined ? { monitorThresholds: checkThresholds(req.monitorThresholds) } : {}),
  };
  return { grant, key, keyHash: hashKey(key), ...(declared ? { prompts: declared.prompts } : {}) };
}

function flag<K extends string>(v: unknown, name: K): Partial<Record<K, true>> {
  if (v === undefined || v === null || v === false) return {};
  if (v !== true) throw new UsageError(`${name} must be true or false`);
  return { [name]: true } as Partial<Record<K, true>>;
}

/** Monitor thresholds for one grant: known names, values the monitor accepts (its own checks). */
export function checkThresholds(raw: unknown): Record<string, number> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError('monitorThresholds must map threshold names to numbers');
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!(name in DEFAULT_THRESHOLDS)) throw new UsageError(`unknown monitor threshold "${name}": use one of ${Object.keys(DEFAULT_THRESHOLDS).join(', ')}`);
    out[name] = value as number;
  }
  try {
    resolvePlan({ grantId: 'check', suites: [], window: { start: 0, end: 1 }, thresholds: out });
  } catch (err) {
    throw new UsageError((err as CrosscheckError).message.replace(/^plan threshold/, 'monitor threshold'));
  }
  return out;
}

export function checkLimits(raw: GrantLimits): GrantLimits {
  return {
    ...optionalCount(raw.rpm, 'rpm', 1, 'rpm'),
    ...optionalCount(raw.tpm, 'tpm', 1, 'tpm'),
    ...optionalCount(raw.maxTokensTotal, 'maxTokensTotal', 1, 'maxTokensTotal'),
    ...optionalCount(raw.maxConcurrent, 'maxConcurrent', 1, 'maxConcurrent'),
    ...optionalCount(raw.maxTokensPerCall, 'maxTokensPerCall', 1, 'maxTokensPerCall'),
  };
}

function optionalCount<K extends string>(v: unknown, name: string, min: number, key: K): Partial<Record<K, number>> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new UsageError(`${name} must be a whole number of at least ${min}`);
  return { [key]: v } as Partial<Record<K, number>>;
}

function stringList(v: unknown, name: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || !s)) throw new UsageError(`${name} must be a list of names`);
  return v as string[];
}

const ACTIONS = ['alert', 'throttle', 'suspend'] as const;

function checkOnSignal(raw: Record<string, string>): Record<string, (typeof ACTIONS)[number]> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError('onSignal must map signal names to alert, throttle or suspend');
  const out: Record<string, (typeof ACTIONS)[number]> = {};
  for (const [signal, action] of Object.entries(raw)) {
    if (!(SIGNALS as readonly string[]).includes(signal)) throw new UsageError(`unknown monitor signal "${signal}": use one of ${SIGNALS.join(', ')}`);
    if (!(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`signal ${signal}: action must be alert, throttle or suspend, got "${action}"`);
    out[signal] = action as (typeof ACTIONS)[number];
  }
  return out;
}
