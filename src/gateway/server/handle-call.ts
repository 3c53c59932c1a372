import { newRequestId } from './request-id.js';
import { validateHeaderValue } from 'node:http';
import { type Grant, totalTokens } from '../grants/grant.js';
import { type CallFeatures, checkCall, estimateTokens, grantRestricts, outputCap } from '../grants/policy.js';
import type { UpstreamCall, UpstreamReply } from '../upstream/upstream.js';
import { observeRefusal } from './apply-alerts.js';
import { RECEIPT_HEADER, REQUEST_ID_HEADER, REQUEST_RECEIPT_HEADER, formatReceipt } from './audit-trail.js';
import { type Facts, replyAudited } from './audited-reply.js';
import { type Admitted, CallLedger, NO_TOKENS, type SettledUsage, usageOf } from './call-ledger.js';
import type { GatewayContext } from './context.js';
import { grantForKey } from './authenticate.js';
import { GatewayError } from './gateway-error.js';
import { parseRequestBody } from './request-body.js';
import { errorHeaders, isClientAbort, sendAuditUnavailable, sendBody } from './respond.js';
import type { CallRequest, Reply } from './reply.js';
import { serveStream } from './serve-stream.js';
import type { Wire } from './wire.js';

/**
 * One model call (chat completion or message), in order: read the body (size limit), find the
 * grant by key hash, parse and validate the body, check the grant's policy, reserve quota, call
 * the upstream, then the response leaf, usage and quota settled, the reply with its receipt, and
 * the monitor. After admission a CallLedger sees to it that the call ends in exactly one response
 * leaf, one settlement and one look by the monitor, whatever throws on the way.
 */
export async function handleCall(g: GatewayContext, wire: Wire, req: CallRequest, res: Reply): Promise<void> {
  const facts: Facts = { requestId: newRequestId() };
  let raw: Buffer | null = null;
  let admitted: Admitted;
  try {
    raw = await req.body(g.config.maxBodyBytes);
    admitted = await admit(g, wire, req, raw, facts);
  } catch (err) {
    if (isClientAbort(err)) return; // gone before its request was read: nobody to answer, nothing admitted
    const e = asGatewayError(g, err);
    // Bodies from callers without a valid key are hashed into nothing and not kept: anyone could send them.
    await refuse(g, wire, res, facts, facts.grantId ? raw : null, e);
    await observeRefusal(g, facts, e);
    return;
  }
  const ledger = new CallLedger(g, wire, facts as Required<Facts>, admitted, raw);
  g.callsInFlight++;
  try {
    await serve(g, wire, req, res, ledger);
  } catch (err) {
    await endAfterFailure(g, wire, res, ledger, err);
  } finally {
    g.callsInFlight--;
  }
  await ledger.observe();
}

async function admit(g: GatewayContext, wire: Wire, req: CallRequest, raw: Buffer, facts: Facts): Promise<Admitted> {
  const found = await grantForKey(g, wire.readKey(req.headers));
  const grant = found.grant;
  facts.grantId = grant.id;
  facts.grantee = grant.grantee;

  const body = parseRequestBody(raw);
  const features = inspect(wire, body, grant);
  facts.model = features.model;
  const model = checkCall(grant, features, body, g.now());
  facts.variant = model.variant;
  const upstream = g.upstreams.get(model.name)?.[wire.name];
  if (!upstream) throw new GatewayError('not_found', 'model_not_served', `The model '${model.name}' is not served by this gateway at the moment.`, { param: 'model' });
  upstream.check?.(body);

  // A call without a max is sent with the grant's per-call cap, so its reservation bounds what it can spend.
  const cap = outputCap(grant, g.config.defaultMaxTokens);
  let injectedMaxTokens: number | undefined;
  if (features.maxOutputTokens === undefined) {
    injectedMaxTokens = cap;
    wire.setMaxTokens(body, cap);
    features.maxOutputTokens = cap;
  }
  const r = await g.quota.reserve({
    grantId: grant.id,
    limits: grant.limits,
    tokens: estimateTokens(features, cap),
    settledTotal: totalTokens(found.usage),
    nowMs: g.now(),
  });
  if (!r.ok) {
    throw new GatewayError('rate_limit', `${r.limit}_exceeded`, `Limit reached for this grant: ${r.message}.`, {
      retryAfterS: Math.max(1, Math.ceil(r.retryAfterMs / 1000)),
    });
  }
  return { grant, body, features, upstream, reservation: r.reservation, injectedMaxTokens };
}

/**
 * The body read by its wire format's strict schema (and allow-list). A wrong type in a field the
 * grant restricts is refused like any wrong type, and marked an attempt at what the grant forbids.
 */
function inspect(wire: Wire, body: Record<string, unknown>, grant: Grant): CallFeatures {
  try {
    return wire.inspect(body, grant.policy);
  } catch (err) {
    const param = err instanceof GatewayError ? err.extra.param : undefined;
    if (param === undefined || !grantRestricts(grant, param)) throw err;
    const e = err as GatewayError;
    throw new GatewayError(e.kind, e.code, e.message, { ...e.extra, forbidden: true });
  }
}

/** Answers a request the gateway turned away (nothing reached the upstream), audited like any other. */
export function refuse(g: GatewayContext, wire: Wire, res: Reply, facts: Facts, raw: Buffer | null, err: GatewayError): Promise<void> {
  const headers = errorHeaders(err);
  // A body cut off at the limit was not read to its end: do not reuse the connection.
  if (err.kind === 'too_large') headers.connection = 'close';
  return replyAudited(g, res, {
    facts,
    requestBody: raw,
    requestDetail: { endpoint: wire.endpoint, accepted: false, code: err.code },
    status: err.status,
    body: Buffer.from(JSON.stringify(wire.errorBody(err))),
    keepResponseBody: true,
    responseDetail: { code: err.code },
    headers,
  });
}

async function serve(g: GatewayContext, wire: Wire, req: CallRequest, res: Reply, ledger: CallLedger): Promise<void> {
  const { body, features, upstream } = ledger.call;
  const call = startCall(upstream, { body, features, headers: req.headers, requestId: ledger.facts.requestId });
  // The request leaf is hashed and queued once the request is on its way (the next check phase),
  // so that work overlaps the upstream's.
  setImmediate(() => ledger.recordRequest());

  let reply: UpstreamReply;
  try {
    reply = await call;
  } catch (err) {
    const e = asGatewayError(g, err);
    await finishComplete(g, wire, res, ledger, { status: e.status, body: Buffer.from(JSON.stringify(wire.errorBody(e))), contentType: 'application/json', headers: errorHeaders(e), usage: NO_TOKENS, detail: { code: e.code } });
    return;
  }
  if (reply.kind === 'stream') return serveStream(g, wire, res, ledger, reply);
  const usage = reply.status === 200 ? usageOf(reply.usage, features, reply.body.length) : NO_TOKENS;
  await finishComplete(g, wire, res, ledger, { status: reply.status, body: reply.body, contentType: reply.contentType, headers: reply.headers, usage, detail: {} });
}

/** The upstream call, with a synchronous throw turned into a rejection. */
function startCall(upstream: Admitted['upstream'], c: UpstreamCall): Promise<UpstreamReply> {
  try {
    return upstream.call(c);
  } catch (err) {
    return Promise.reject(err);
  }
}

/** A whole reply (or the gateway's error for a failed call), ready to be audited and sent. */
interface Finished {
  status: number;
  body: Buffer;
  contentType: string;
  headers: Record<string, string>;
  usage: SettledUsage;
  detail: Record<string, unknown>;
}

/**
 * Sends a whole body once its response leaf is durable (which commits the request leaf too);
 * settles first so the next request sees the usage. Nothing is sent for a call whose request
 * leaf could not be committed but a 503. Headers are checked before the leaf is written, so the
 * leaf records the reply that is sent.
 */
async function finishComplete(g: GatewayContext, wire: Wire, res: Reply, ledger: CallLedger, done: Finished): Promise<void> {
  const { requestId } = ledger.facts;
  const { status, body, contentType, usage } = done;
  const out: Record<string, string> = { ...done.headers, 'content-type': contentType, [REQUEST_ID_HEADER]: requestId };
  for (const [k, v] of Object.entries(out)) {
    try {
      validateHeaderValue(k, v);
    } catch {
      delete out[k]; // a value node:http would refuse to write (an upstream's header, say): left out, not thrown mid-reply
    }
  }
  const responseLeaf = ledger.recordResponse(g.trail.hashBody(requestId, 'response', body, contentType), {
    status, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, estimated: usage.estimated, ...done.detail,
  });
  await ledger.settle(usage);
  try {
    const requestLeaf = await ledger.recordRequest();
    out[RECEIPT_HEADER] = formatReceipt(await responseLeaf);
    out[REQUEST_RECEIPT_HEADER] = formatReceipt({ index: requestLeaf.index, leafHash: requestLeaf.leafHash });
  } catch (err) {
    sendAuditUnavailable(g, wire, res, requestId, err);
    return;
  }
  sendBody(res, status, body, out);
}

/**
 * Something threw after admission: the call still gets its one response leaf (saying so), its
 * settlement, and the grantee an answer if one can still be given. Never throws.
 */
async function endAfterFailure(g: GatewayContext, wire: Wire, res: Reply, ledger: CallLedger, err: unknown): Promise<void> {
  const e = asGatewayError(g, err);
  const receipt = ledger.responded ? undefined : ledger.recordResponse(undefined, { status: e.status, code: e.code, failed: true });
  await ledger.settle(NO_TOKENS);
  try {
    if (!res.headersSent && !res.destroyed) {
      const headers: Record<string, string> = { [REQUEST_ID_HEADER]: ledger.facts.requestId };
      const r = await receipt?.catch(() => undefined);
      if (r) headers[RECEIPT_HEADER] = formatReceipt(r);
      sendBody(res, e.status, JSON.stringify(wire.errorBody(e)), headers);
    } else {
      res.destroy();
    }
  } catch {
    res.destroy();
  }
}

export function asGatewayError(g: GatewayContext, err: unknown): GatewayError {
  if (err instanceof GatewayError) return err;
  if (isClientAbort(err)) return new GatewayError('server', 'client_closed', 'The client went away.'); // not the gateway's failure: not logged
  g.log(`internal error: ${(err as Error)?.message ?? String(err)}`);
  return new GatewayError('server', 'internal_error', 'The gateway failed to handle the request.');
}
