import type { IncomingMessage, ServerResponse } from 'node:http';
import { secretsEqual } from '../grants/keys.js';
import { grantForKey } from './authenticate.js';
import type { GatewayContext } from './context.js';
import { sendBody } from './respond.js';

/** Serves signed checkpoints and Merkle proofs (src/gateway/audit/proof-http.ts). */
export type AuditProofHandler = (url: URL) => Promise<{ status: number; body: unknown } | undefined>;

/**
 * GET /audit/checkpoint, /audit/proof/inclusion, /audit/proof/consistency. Open to the admin and
 * to every grantee with a key it was ever given, revoked or not: a revoked lab is exactly the
 * party that needs to check what the log says about it, against checkpoints it kept itself.
 */
export async function handleAuditRoute(g: GatewayContext, proofs: AuditProofHandler, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const given = bearer(req);
  const adminKey = g.env[g.config.adminKeyEnv]?.trim();
  let allowed = Boolean(given && adminKey && secretsEqual(given, adminKey));
  if (!allowed && given) allowed = await grantForKey(g, given).then(() => true, () => false);
  if (!allowed) return json(res, 401, { error: 'a grant key or the admin key is required' });
  if (req.method !== 'GET') return json(res, 405, { error: 'GET only' });
  const answer = await proofs(url);
  if (!answer) return json(res, 404, { error: `no audit route ${url.pathname}` });
  json(res, answer.status, answer.body);
}

function bearer(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const key = req.headers['x-api-key'];
  return typeof key === 'string' ? key.trim() : undefined;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  sendBody(res, status, JSON.stringify(body), { 'content-type': 'application/json' });
}
