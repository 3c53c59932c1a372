import type { IncomingMessage, ServerResponse } from 'node:http';
import { secretsEqual } from '../grants/keys.js';
import { grantForKey } from './authenticate.js';
import type { GatewayContext } from './context.js';
import { RateGate } from './rate-gate.js';
import { sendBody } from './respond.js';

/** Serves signed checkpoints and Merkle proofs (src/gateway/audit/proof-http.ts). */
export type AuditProofHandler = (url: URL) => Promise<{ status: number; body: unknown } | undefined>;
/** The whole log as JSON Lines (audit/log-export.ts), for the admin's GET /audit/export. */
export type AuditExporter = () => AsyncIterable<string>;

/** Requests per second (and burst) one grant key may make to the audit routes. */
export const AUDIT_RATE = { perSecond: 5, burst: 20 };

/**
 * GET /audit/checkpoint (the latest signed checkpoint; nothing is signed per request),
 * /audit/proof/inclusion, /audit/proof/consistency: for the admin and for grant keys that are
 * not revoked, each key at most AUDIT_RATE (429 past it). GET /audit/export: the whole log, admin only.
 */
export function auditRoutes(g: GatewayContext, proofs: AuditProofHandler, exporter: AuditExporter | undefined) {
  const gate = new RateGate(AUDIT_RATE.perSecond, AUDIT_RATE.burst, g.now);
  return async function handleAuditRoute(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    req.resume();
    const given = bearer(req);
    const adminKey = g.env[g.config.adminKeyEnv]?.trim();
    const admin = Boolean(given && adminKey && secretsEqual(given, adminKey));
    if (!admin) {
      const found = given ? await grantForKey(g, given).catch(() => null) : null;
      if (!found) return json(res, 401, { error: 'a grant key or the admin key is required' });
      if (found.grant.status === 'revoked') return json(res, 403, { error: 'this grant has been revoked' });
      const wait = gate.take(found.grant.id);
      if (wait > 0) return json(res, 429, { error: 'too many audit requests' }, { 'retry-after': String(Math.ceil(wait / 1000)) });
    }
    if (req.method !== 'GET') return json(res, 405, { error: 'GET only' });
    if (url.pathname === '/audit/export') {
      if (!admin || !exporter) return json(res, admin ? 404 : 403, { error: 'the log export is for the admin key' });
      return streamLines(res, exporter());
    }
    const answer = await proofs(url);
    if (!answer) return json(res, 404, { error: `no audit route ${url.pathname}` });
    json(res, answer.status, answer.body);
  };
}

async function streamLines(res: ServerResponse, lines: AsyncIterable<string>): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  for await (const line of lines) {
    if (res.destroyed) return;
    if (!res.write(line)) await new Promise((r) => res.once('drain', r));
  }
  res.end();
}

function bearer(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const key = req.headers['x-api-key'];
  return typeof key === 'string' ? key.trim() : undefined;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendBody(res, status, JSON.stringify(body), { ...headers, 'content-type': 'application/json' });
}
