import type { Grant } from '../grants/grant.js';
import type { GrantPlan } from '../monitor/plan.js';
import { SUITE_NAMES, loadSuite } from '../../suites/index.js';

/**
 * The monitor's view of a grant's declared plan. Suites Crosscheck ships are matched by their
 * real prompts, so "share of prompts matching the declared suites" means something; other
 * declared suites are kept by name only. Pacing follows the grant's rpm.
 */
export function planForGrant(grant: Grant): GrantPlan {
  const suitePrompts = grant.suites
    .filter((name) => SUITE_NAMES.includes(name))
    .flatMap((name) => loadSuite(name, { judged: false }).samples.map((s) => s.input.map((m) => m.content).join('\n')));
  return {
    grantId: grant.id,
    suites: grant.suites,
    ...(suitePrompts.length ? { suitePrompts } : {}),
    window: { start: grant.createdAt, end: grant.expiresAt ?? Number.MAX_SAFE_INTEGER },
    ...(grant.limits.rpm ? { maxRequestsPerHour: grant.limits.rpm * 60 } : {}),
    ...(grant.expectedRequests ? { expectedRequests: grant.expectedRequests } : {}),
    policy: (grant.onSignal ?? {}) as GrantPlan['policy'],
  };
}
