import type { AuditReceipt } from '../contracts.js';
import { type GrantRequest, createGrant } from '../grants/create-grant.js';
import { promptsKey } from '../grants/declared-prompts.js';
import type { Grant } from '../grants/grant.js';
import type { GatewayContext } from './context.js';
import { GatewayError } from './gateway-error.js';
import { isoTime } from './iso-time.js';

/** Grant changes made through the gateway, each one audited (the key itself never is). */
export async function createGrantAudited(g: GatewayContext, req: GrantRequest): Promise<{ grant: Grant; key: string; receipt: AuditReceipt }> {
  const { grant, key, keyHash, prompts } = createGrant(req, g.config.models, new Date(g.now()));
  // the declared prompts are stored before the grant, so no request on it can find the grant without them
  if (prompts) await g.store.putMonitorDocs(new Map([[promptsKey(grant.id), JSON.stringify(prompts)]]));
  await g.store.createGrant(grant, keyHash);
  await g.monitor.grantChanged?.(grant);
  const receipt = await g.trail.append({ kind: 'grant_created', time: grant.createdAt, grantId: grant.id, detail: grantSummary(grant) });
  g.log(`grant ${grant.id} created for ${grant.grantee}: ${grant.models.map((m) => m.name).join(', ')}`);
  return { grant, key, receipt };
}

export async function revokeGrantAudited(g: GatewayContext, id: string, reason: string): Promise<{ grant: Grant; receipt: AuditReceipt } | null> {
  const time = isoTime(g.now());
  const grant = await g.store.setStatus(id, 'revoked', reason, time);
  if (!grant) return null;
  await g.quota.forget?.(id);
  await g.monitor.grantChanged?.(grant);
  g.streams.grantChanged(grant); // its open streams end now, each with an error event and a response leaf
  const receipt = await g.trail.append({ kind: 'grant_revoked', time, grantId: id, detail: { reason } });
  g.log(`grant ${id} revoked`);
  return { grant, receipt };
}

/**
 * Undoes what the monitor did to a grant, after a person has looked: a suspended grant is active
 * again, and limits the monitor throttled are put back as they were before its first throttle.
 * A revoked grant stays revoked (a revocation is the grantor's own, final word).
 */
export async function resumeGrantAudited(g: GatewayContext, id: string, reason: string): Promise<{ grant: Grant; receipt: AuditReceipt } | null> {
  const found = await g.store.getGrant(id);
  if (!found) return null;
  const before = found.grant;
  if (before.status === 'revoked') throw new GatewayError('invalid_request', 'grant_revoked', `Grant ${id} is revoked; a revoked grant cannot be resumed.`, { status: 409 });
  if (before.status !== 'suspended' && !before.limitsBeforeThrottle) {
    throw new GatewayError('invalid_request', 'nothing_to_resume', `Grant ${id} is active and not throttled: there is nothing to resume.`, { status: 409 });
  }
  const time = isoTime(g.now());
  const detail: Record<string, unknown> = { reason };
  let grant = before;
  if (before.limitsBeforeThrottle) {
    grant = (await g.store.setLimits(id, before.limitsBeforeThrottle, { limitsBeforeThrottle: undefined })) ?? grant;
    detail.limits = { from: before.limits, to: before.limitsBeforeThrottle };
  }
  if (before.status === 'suspended') {
    grant = (await g.store.setStatus(id, 'active', reason, time)) ?? grant;
    detail.status = 'active';
  }
  const receipt = await g.trail.append({ kind: 'grant_changed', time, grantId: id, detail: { ...detail, resumed: true } });
  g.monitor.note?.(id, { kind: 'resumed', text: reason });
  g.log(`grant ${id} resumed`);
  return { grant, receipt };
}

/** The terms of a grant as they go into its audit leaf. */
function grantSummary(grant: Grant): Record<string, unknown> {
  return {
    grantee: grant.grantee,
    models: grant.models,
    expiresAt: grant.expiresAt,
    purpose: grant.purpose,
    suites: grant.suites,
    limits: grant.limits,
    policy: grant.policy,
    ...(grant.onSignal ? { onSignal: grant.onSignal } : {}),
    ...(grant.expectedRequests ? { expectedRequests: grant.expectedRequests } : {}),
    ...(grant.expectedTokens ? { expectedTokens: grant.expectedTokens } : {}),
    ...(grant.allowReasoning ? { allowReasoning: true } : {}),
    ...(grant.generatedTurns ? { generatedTurns: true } : {}),
    ...(grant.declaredPrompts ? { declaredPrompts: grant.declaredPrompts } : {}),
    ...(grant.monitorThresholds ? { monitorThresholds: grant.monitorThresholds } : {}),
  };
}
