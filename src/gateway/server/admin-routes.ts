import { newRequestId } from './request-id.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CrosscheckError } from '../../core/errors.js';
import type { GrantRequest } from '../grants/create-grant.js';
import { secretsEqual } from '../grants/keys.js';
import { RECEIPT_HEADER, formatReceipt } from './audit-trail.js';
import { type Facts, replyAudited } from './audited-reply.js';
import type { GatewayContext } from './context.js';
import { GatewayError } from './gateway-error.js';
import { monitorSummary } from '../monitor/monitor.js';
import { createGrantAudited, resumeGrantAudited, revokeGrantAudited } from './grant-admin.js';
import { asGatewayError } from './handle-call.js';
import { readBody, sendBody } from './respond.js';
import { bearer } from './wire.js';

/**
 * The grantor's admin API, behind its own key (`Authorization: Bearer $ADMIN_KEY`, the variable
 * named by gateway.yaml's adminKeyEnv; the API is off while it is unset):
 *
 *   POST /admin/grants               GrantRequest JSON → 201 { grant, key }   (the key is shown only here)
 *   GET  /admin/grants               → { grants: [{ grant, usage, monitor }] }   (monitor: a summary)
 *   GET  /admin/grants/ID            → { grant, usage, monitor }   (monitor: every signal, alerts, actions)
 *   POST /admin/grants/ID/revoke     { reason } → { grant }
 *   POST /admin/grants/ID/resume     { reason } → { grant }   (undoes a monitor suspension or throttle)
 *
 * Errors use the OpenAI shape. Every answer carries an audit receipt. Admin bodies may be up to
 * ADMIN_MAX_BODY_BYTES (a grant can carry a suite's worth of declared prompts).
 */
export const ADMIN_MAX_BODY_BYTES = 64 * 1024 * 1024;
export async function handleAdmin(g: GatewayContext, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const facts: Facts = { requestId: newRequestId() };
  const endpoint = `admin ${req.method} ${path.replace(/^\/admin\/grants\/[^/]+/, '/admin/grants/ID')}`;
  let raw: Buffer | null = null;
  try {
    authorize(g, req);
    if (req.method === 'POST') raw = await readBody(req, Math.max(g.config.maxBodyBytes, ADMIN_MAX_BODY_BYTES));
    else req.resume();
    const route = /^\/admin\/grants(?:\/([^/]+)\/?(revoke|resume)?)?\/?$/.exec(path);
    if (!route) throw new GatewayError('not_found', 'unknown_route', `No admin route for ${req.method} ${path}.`);
    const [, id, verb] = route;
    if (id) facts.grantId = decodePathPart(id);

    if (req.method === 'POST' && !id) {
      const { grant, key, receipt } = await createGrantAudited(g, jsonBody(raw) as unknown as GrantRequest);
      facts.grantId = grant.id;
      sendWithReceipt(res, 201, { grant, key }, receipt);
      return;
    }
    if (req.method === 'POST' && id && verb) {
      const reason = (jsonBody(raw).reason as unknown) ?? '';
      const what = verb === 'revoke' ? 'A revocation' : 'A resume';
      if (typeof reason !== 'string' || !reason.trim()) throw new GatewayError('invalid_request', 'reason_required', `${what} needs a reason.`, { param: 'reason' });
      const done = await (verb === 'revoke' ? revokeGrantAudited : resumeGrantAudited)(g, facts.grantId!, reason.trim());
      if (!done) throw new GatewayError('not_found', 'grant_not_found', `No grant ${facts.grantId}.`);
      sendWithReceipt(res, 200, { grant: done.grant }, done.receipt);
      return;
    }
    if (req.method === 'GET' && !verb) {
      let body: unknown;
      if (id) {
        const found = await g.store.getGrant(facts.grantId!);
        if (!found) throw new GatewayError('not_found', 'grant_not_found', `No grant ${facts.grantId}.`);
        body = { ...found, monitor: g.monitor.snapshot?.(facts.grantId!) ?? null };
      } else {
        const grants = await g.store.listGrants();
        body = { grants: grants.map((x) => ({ ...x, monitor: monitorSummary(g.monitor.snapshot?.(x.grant.id)) })) };
      }
      await replyAudited(g, res, { facts, requestBody: null, requestDetail: { endpoint }, status: 200, body: Buffer.from(JSON.stringify(body)), keepResponseBody: false });
      return;
    }
    throw new GatewayError('not_found', 'unknown_route', `No admin route for ${req.method} ${path}.`);
  } catch (err) {
    const e = err instanceof CrosscheckError ? new GatewayError('invalid_request', 'invalid_grant', err.message) : asGatewayError(g, err);
    const body = { error: { message: e.message, type: e.kind, param: e.extra.param ?? null, code: e.code } };
    // Admin bodies are not kept: a create request is harmless, but keep the rule simple (no admin bodies).
    await replyAudited(g, res, {
      facts,
      requestBody: null,
      requestDetail: { endpoint, accepted: false, code: e.code },
      status: e.status,
      body: Buffer.from(JSON.stringify(body)),
      keepResponseBody: false,
      headers: e.kind === 'too_large' ? { connection: 'close' } : {},
    });
  }
}

/** A percent-encoded path segment; a malformed escape is the client's error (400), not the gateway's. */
function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new GatewayError('invalid_request', 'invalid_path', 'The path holds a malformed percent-escape.');
  }
}

function authorize(g: GatewayContext, req: IncomingMessage): void {
  const adminKey = g.env[g.config.adminKeyEnv]?.trim();
  if (!adminKey) throw new GatewayError('permission', 'admin_disabled', `The admin API is off: set ${g.config.adminKeyEnv} to turn it on.`);
  const given = bearer(req.headers);
  if (!given || !secretsEqual(given, adminKey)) throw new GatewayError('authentication', 'invalid_admin_key', 'Incorrect admin key.');
}

function jsonBody(raw: Buffer | null): Record<string, unknown> {
  try {
    const v = JSON.parse(raw?.toString('utf8') || '{}');
    if (v && typeof v === 'object' && !Array.isArray(v)) return v;
  } catch {
    // fall through
  }
  throw new GatewayError('invalid_request', 'invalid_json', 'The request body must be a JSON object.');
}

function sendWithReceipt(res: ServerResponse, status: number, body: unknown, receipt: { index: number; leafHash: string }): void {
  sendBody(res, status, JSON.stringify(body), { [RECEIPT_HEADER]: formatReceipt(receipt) });
}
