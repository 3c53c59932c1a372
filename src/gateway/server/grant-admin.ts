import type { AuditReceipt } from '../contracts.js';
import { type GrantRequest, createGrant } from '../grants/create-grant.js';
import type { Grant } from '../grants/grant.js';
import type { GatewayContext } from './context.js';
import { isoTime } from './iso-time.js';

/** Grant changes made through the gateway, each one audited (the key itself never is). */
export async function createGrantAudited(g: GatewayContext, req: GrantRequest): Promise<{ grant: Grant; key: string; receipt: AuditReceipt }> {
  const { grant, key, keyHash } = createGrant(req, g.config.models, new Date(g.now()));
  await g.store.createGrant(grant, keyHash);
  g.monitor.grantChanged?.(grant);
  const receipt = await g.trail.append({ kind: 'grant_created', time: grant.createdAt, grantId: grant.id, detail: grantSummary(grant) });
  g.log(`grant ${grant.id} created for ${grant.grantee}: ${grant.models.map((m) => m.name).join(', ')}`);
  return { grant, key, receipt };
}

export async function revokeGrantAudited(g: GatewayContext, id: string, reason: string): Promise<{ grant: Grant; receipt: AuditReceipt } | null> {
  const time = isoTime(g.now());
  const grant = await g.store.setStatus(id, 'revoked', reason, time);
  if (!grant) return null;
  await g.quota.forget?.(id);
  g.monitor.grantChanged?.(grant);
  g.streams.grantChanged(grant); // its open streams end now, each with an error event and a response leaf
  const receipt = await g.trail.append({ kind: 'grant_revoked', time, grantId: id, detail: { reason } });
  g.log(`grant ${id} revoked`);
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
  };
}
