import type { Grant } from '../grants/grant.js';
import type { StoredPrompts } from '../grants/declared-prompts.js';
import type { FlagPermission, GrantPlan } from './plan.js';
import type { MonitorThresholds } from './thresholds.js';
import { SUITE_NAMES, loadSuite } from '../../suites/index.js';

/** Request fields that ask for reasoning: a grant that denies one forbids returned reasoning. */
const REASONING_FIELDS = ['thinking', 'reasoning', 'include_reasoning', 'reasoning_effort'];

/**
 * The monitor's view of a grant's declared plan: what the grant allows is part of it. Declared
 * prompts are the prompts of the suites Crosscheck ships that the grant names, plus whatever the
 * grantee declared (texts or fingerprints, kept beside the grant); other suite names are kept by
 * name only. Pacing follows the grant's rpm.
 *
 * Flags: `--max-logprobs N` with N > 0 allows logprobs (0 forbids them), `--max-n N` with N > 1
 * allows n > 1 (1 forbids it), `--allow-reasoning` allows returned reasoning (denying a
 * reasoning field forbids it); a grant that says nothing leaves the flag limited.
 */
export function planForGrant(grant: Grant, declared: StoredPrompts | null): GrantPlan {
  const shipped = grant.suites
    .filter((name) => SUITE_NAMES.includes(name))
    .flatMap((name) => loadSuite(name, { judged: false }).samples.flatMap((s) => s.input.filter((m) => m.role !== 'assistant').map((m) => m.content)));
  const suitePrompts = [...new Set([...shipped, ...(declared?.texts ?? [])])];
  const p = grant.policy;
  const permission = (max: number | undefined, none: number): FlagPermission => (max === undefined ? 'limited' : max > none ? 'allowed' : 'forbidden');
  return {
    grantId: grant.id,
    grantee: grant.grantee,
    suites: grant.suites,
    ...(suitePrompts.length ? { suitePrompts } : {}),
    ...(declared?.fingerprints.length ? { fingerprints: declared.fingerprints } : {}),
    window: { start: grant.createdAt, end: grant.expiresAt ?? Number.MAX_SAFE_INTEGER },
    ...(grant.limits.rpm ? { maxRequestsPerHour: (grant.limitsBeforeThrottle?.rpm ?? grant.limits.rpm) * 60 } : {}),
    ...(grant.expectedRequests ? { expectedRequests: grant.expectedRequests } : {}),
    ...(grant.expectedTokens ? { expectedTokens: grant.expectedTokens } : {}),
    flags: {
      logprobs: permission(p.maxLogprobs, 0),
      multipleSamples: permission(p.maxN, 1),
      reasoning: grant.allowReasoning ? 'allowed' : p.deny.some((f) => REASONING_FIELDS.includes(f)) ? 'forbidden' : 'limited',
    },
    ...(grant.generatedTurns ? { generatedTurns: true } : {}),
    policy: (grant.onSignal ?? {}) as GrantPlan['policy'],
    ...(grant.monitorThresholds ? { thresholds: grant.monitorThresholds as Partial<MonitorThresholds> } : {}),
  };
}
