import type { GatewayContext } from './context.js';
import { RECEIPT_HEADER, REQUEST_ID_HEADER, formatReceipt } from './audit-trail.js';
import { sendBody } from './respond.js';
import type { Reply } from './reply.js';
import { isoTime } from './iso-time.js';

/** Who and what a request is about, filled in as far as handling got; copied into its audit leaves. */
export interface Facts {
  requestId: string;
  grantId?: string;
  /** Who holds the grant (for the monitor; not written to the audit leaves). */
  grantee?: string;
  model?: string;
  variant?: string;
}

export interface AuditedReply {
  facts: Facts;
  /** The request body as read (hashed and kept), or null when it was not read or must not be kept. */
  requestBody: Buffer | null;
  requestDetail: Record<string, unknown>;
  status: number;
  body: Buffer;
  /** Whether the response body is hashed and kept (not for bodies holding secrets, e.g. a new key). */
  keepResponseBody: boolean;
  responseDetail?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * Answers a request the gateway handles itself (refusals, model lists, admin calls) with a
 * request leaf and a response leaf, and the response leaf's receipt in the header.
 */
export async function replyAudited(g: GatewayContext, res: Reply, r: AuditedReply): Promise<void> {
  const time = isoTime(g.now());
  const { requestId, grantId, model, variant } = r.facts;
  const requestLeaf = g.trail.append({
    kind: 'request', time, grantId, model, variant, requestId,
    bodyHash: r.requestBody ? g.trail.hashBody(requestId, 'request', r.requestBody, 'application/json') : undefined,
    detail: r.requestDetail,
  });
  const responseLeaf = g.trail.append({
    kind: 'response', time, grantId, model, variant, requestId,
    bodyHash: r.keepResponseBody ? g.trail.hashBody(requestId, 'response', r.body, 'application/json') : undefined,
    detail: { status: r.status, ...r.responseDetail },
  });
  const headers: Record<string, string> = { ...r.headers, [REQUEST_ID_HEADER]: requestId };
  try {
    await requestLeaf;
    headers[RECEIPT_HEADER] = formatReceipt(await responseLeaf);
  } catch (err) {
    g.log(`audit append failed for ${requestId}: ${(err as Error).message}`);
  }
  sendBody(res, r.status, r.body, headers);
}
