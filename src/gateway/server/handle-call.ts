import { randomUUID } from 'node:crypto';
import type { AuditReceipt } from '../contracts.js';
import type { AuditCommit } from '../hooks.js';
import { type Grant, totalTokens } from '../grants/grant.js';
import { type CallFeatures, checkCall, estimateTokens } from '../grants/policy.js';
import type { Reservation } from '../quota/quota-store.js';
import type { Upstream, UpstreamCall, UpstreamReply } from '../upstream/upstream.js';
import { trafficRecordFor } from '../monitor/request-traffic.js';
import { observeRefusal, observeTraffic } from './apply-alerts.js';
import { RECEIPT_HEADER, REQUEST_ID_HEADER, formatReceipt } from './audit-trail.js';
import { type Facts, replyAudited } from './audited-reply.js';
import type { GatewayContext } from './context.js';
import { grantForKey } from './authenticate.js';
import { GatewayError } from './gateway-error.js';
import { drained, errorHeaders, sendBody } from './respond.js';
import type { CallRequest, Reply } from './reply.js';
import type { ReportedUsage, Wire } from './wire.js';
import { isoTime } from './iso-time.js';

interface Admitted {
  grant: Grant;
  body: Record<string, unknown>;
  features: CallFeatures;
  upstream: Upstream;
  reservation: Reservation;
}

interface SettledUsage {
  inputTokens: number;
  outputTokens: number;
  /** True when the upstream did not report (all of) it and the gateway estimated. */
  estimated: boolean;
}

/**
 * One model call (chat completion or message), in order: read the body (size limit), find the
 * grant by key hash, parse, check the grant's policy, reserve quota, append the request leaf —
 * only then call the upstream — and finally settle usage, append the response leaf and show
 * the call to the monitor. Every response carries an audit receipt.
 */
export async function handleCall(g: GatewayContext, wire: Wire, req: CallRequest, res: Reply): Promise<void> {
  const facts: Facts = { requestId: randomUUID() };
  let raw: Buffer | null = null;
  let admitted: Admitted;
  try {
    raw = await req.body(g.config.maxBodyBytes);
    admitted = await admit(g, wire, req, raw, facts);
  } catch (err) {
    const e = asGatewayError(g, err);
    // Bodies from callers without a valid key are hashed into nothing and not kept: anyone could send them.
    await refuse(g, wire, res, facts, facts.grantId ? raw : null, e);
    await observeRefusal(g, facts, e);
    return;
  }
  g.callsInFlight++;
  try {
    await serve(g, wire, req, res, facts, raw, admitted);
  } finally {
    g.callsInFlight--;
  }
}

async function admit(g: GatewayContext, wire: Wire, req: CallRequest, raw: Buffer, facts: Facts): Promise<Admitted> {
  const found = await grantForKey(g, wire.readKey(req.headers));
  const grant = found.grant;
  facts.grantId = grant.id;
  facts.grantee = grant.grantee;

  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new GatewayError('invalid_request', 'invalid_json', 'The request body is not valid JSON.');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new GatewayError('invalid_request', 'invalid_json', 'The request body must be a JSON object.');
  const features = wire.inspect(body as Record<string, unknown>);
  facts.model = features.model;
  const model = checkCall(grant, features, body as Record<string, unknown>, g.now());
  facts.variant = model.variant;
  const upstream = g.upstreams.get(model.name)?.[wire.name];
  if (!upstream) throw new GatewayError('not_found', 'model_not_served', `The model '${model.name}' is not served by this gateway at the moment.`, { param: 'model' });
  upstream.check?.(body as Record<string, unknown>);

  const r = await g.quota.reserve({
    grantId: grant.id,
    limits: grant.limits,
    tokens: estimateTokens(features, g.config.defaultMaxTokens),
    settledTotal: totalTokens(found.usage),
    nowMs: g.now(),
  });
  if (!r.ok) {
    throw new GatewayError('rate_limit', `${r.limit}_exceeded`, `Limit reached for this grant: ${r.message}.`, {
      retryAfterS: Math.max(1, Math.ceil(r.retryAfterMs / 1000)),
    });
  }
  return { grant, body: body as Record<string, unknown>, features, upstream, reservation: r.reservation };
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

async function serve(g: GatewayContext, wire: Wire, req: CallRequest, res: Reply, facts: Facts, raw: Buffer, a: Admitted): Promise<void> {
  const { requestId, grantId, model, variant } = facts as Required<Facts>;
  const { features, reservation } = a;
  const time = () => isoTime(g.now());
  const settle = (usage: SettledUsage) => settleCall(g, grantId, reservation, usage);

  // The request leaf is hashed and queued once the request is on its way to the upstream (the next
  // check phase, or at once if the reply comes first), so that work overlaps the upstream's. It is
  // committed with the call's response leaf (one journal write for both), or GROUP_COMMIT_MS later
  // if the answer takes longer; a stream's is committed before its headers go out. A call alone
  // gets its response leaf's receipt (and the request leaf's, if still queued) at once and the
  // write follows the reply in the same turn (`reply-first`, see AuditCommit); overlapping calls
  // share one write for all their leaves at the end of the turn, before their replies. (With
  // Postgres the insert goes out at the end of that turn and overlaps the upstream's work.)
  let requestLeaf: Promise<AuditReceipt> | undefined;
  const recordRequest = (): Promise<AuditReceipt> => {
    if (requestLeaf) return requestLeaf;
    requestLeaf = g.trail.append({
      kind: 'request', time: time(), grantId, model, variant, requestId,
      bodyHash: g.trail.hashBody(requestId, 'request', raw, 'application/json'),
      detail: { endpoint: wire.endpoint, accepted: true, stream: features.stream, mode: a.upstream.mode, reservedTokens: reservation.tokens },
    }, { commit: features.stream ? 'now' : 'group' }); // a stream's headers carry this receipt: commit while the upstream works
    requestLeaf.catch(() => undefined); // awaited before anything is sent; this only keeps a failure from counting as unhandled
    return requestLeaf;
  };
  const call = startCall(a.upstream, { body: a.body, features, headers: req.headers, requestId });
  setImmediate(recordRequest);
  const finish = (done: Finished) => finishComplete(g, wire, res, facts as Required<Facts>, recordRequest(), done, () => settle(done.usage));

  let reply: UpstreamReply;
  try {
    reply = await call;
  } catch (err) {
    const e = asGatewayError(g, err);
    const usage = { inputTokens: 0, outputTokens: 0, estimated: false };
    await finish({ status: e.status, body: Buffer.from(JSON.stringify(wire.errorBody(e))), contentType: 'application/json', headers: errorHeaders(e), usage, detail: { code: e.code } });
    await observe(g, wire, a, grantId, usage);
    return;
  }

  if (reply.kind === 'complete') {
    const usage = reply.status === 200 ? usageOf(reply.usage, features, reply.body.length) : { inputTokens: 0, outputTokens: 0, estimated: false };
    await finish({ status: reply.status, body: reply.body, contentType: reply.contentType, headers: reply.headers, usage, detail: {} });
    await observe(g, wire, a, grantId, usage);
    return;
  }

  let requestReceipt: AuditReceipt;
  try {
    requestReceipt = await recordRequest();
  } catch (err) {
    reply.cancel();
    await settle({ inputTokens: 0, outputTokens: 0, estimated: false });
    sendAuditUnavailable(g, wire, res, requestId, err);
    return;
  }

  // Streaming: headers (with the request leaf's receipt) and each chunk go out the moment they can.
  const hasher = g.trail.bodyHasher(requestId, 'response', reply.contentType);
  const meter = wire.streamMeter();
  let clientGone = false;
  let upstreamFailed = false;
  const hangUp = () => {
    if (!res.writableFinished && !clientGone) {
      clientGone = true;
      reply.cancel();
    }
  };
  res.on('close', hangUp);
  if (res.destroyed || !res.socket || res.socket.destroyed) hangUp(); // gone while the upstream was starting
  res.writeHead(200, {
    'content-type': reply.contentType,
    'cache-control': 'no-cache',
    [RECEIPT_HEADER]: formatReceipt(requestReceipt),
    [REQUEST_ID_HEADER]: requestId,
  });
  try {
    for await (const chunk of reply.chunks) {
      if (clientGone) break;
      const more = res.write(chunk);
      // node:http corks the socket on a write and uncorks it on the next tick, which waits for every
      // microtask: chunks that arrived together, then the response leaf. Send each chunk now.
      if (res.socket?.writableCorked) res.socket.uncork();
      meter.push(chunk);
      hasher.push(chunk);
      if (!more) await drained(res);
    }
  } catch {
    if (!clientGone) {
      upstreamFailed = true;
      const event = wire.streamErrorEvent(new GatewayError('upstream', 'upstream_stream_failed', "The model's stream broke off."));
      res.write(event);
      hasher.push(event);
    }
  }
  const metered = meter.result();
  const usage = usageOf(reply.usage ?? metered, features, metered.outputChars);
  const responseLeaf = g.trail.append({
    kind: 'response', time: time(), grantId, model, variant, requestId, bodyHash: hasher.finish(),
    detail: { status: 200, stream: true, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, estimated: usage.estimated, clientClosed: clientGone, upstreamFailed },
  }, responseLeafTiming(g));
  await settle(usage);
  let trailer: string | undefined;
  try {
    // The response leaf's receipt, as an SSE comment (clients ignore comments).
    trailer = `: ${RECEIPT_HEADER} ${formatReceipt(await responseLeaf)}\n\n`;
  } catch (err) {
    g.log(`audit append failed for ${requestId}: ${(err as Error).message}`);
  }
  if (!clientGone && !res.destroyed) res.end(trailer);
  await observe(g, wire, a, grantId, usage);
}

/** The upstream call, with a synchronous throw turned into a rejection. */
function startCall(upstream: Upstream, c: UpstreamCall): Promise<UpstreamReply> {
  try {
    return upstream.call(c);
  } catch (err) {
    return Promise.reject(err);
  }
}

/**
 * A call alone gets its response leaf's receipt at once and the leaf is written just after the
 * reply has gone out; overlapping calls share one write at the end of the turn, before their replies.
 */
function responseLeafTiming(g: GatewayContext): { commit: AuditCommit } {
  return { commit: g.callsInFlight > 1 ? 'turn' : 'reply-first' };
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
 * Sends a whole body once its response leaf has its receipt (which usually commits the request
 * leaf too); settles first so the next request sees the usage. Nothing is sent for a call whose
 * request leaf could not be committed but a 503.
 */
async function finishComplete(
  g: GatewayContext,
  wire: Wire,
  res: Reply,
  facts: Required<Facts>,
  requestLeaf: Promise<AuditReceipt>,
  done: Finished,
  settle: () => Promise<void>,
): Promise<void> {
  const { requestId, grantId, model, variant } = facts;
  const { status, body, contentType, usage } = done;
  const responseLeaf = g.trail.append({
    kind: 'response', time: isoTime(g.now()), grantId, model, variant, requestId,
    bodyHash: g.trail.hashBody(requestId, 'response', body, contentType),
    detail: { status, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, estimated: usage.estimated, ...done.detail },
  }, responseLeafTiming(g));
  await settle();
  try {
    await requestLeaf;
  } catch (err) {
    responseLeaf.catch(() => undefined);
    sendAuditUnavailable(g, wire, res, requestId, err);
    return;
  }
  const out: Record<string, string> = { ...done.headers, 'content-type': contentType, [REQUEST_ID_HEADER]: requestId };
  try {
    out[RECEIPT_HEADER] = formatReceipt(await responseLeaf);
  } catch (err) {
    g.log(`audit append failed for ${requestId}: ${(err as Error).message}`);
  }
  sendBody(res, status, body, out);
}

/** The call's request leaf was not committed: the upstream's answer (if any) is not passed on. */
function sendAuditUnavailable(g: GatewayContext, wire: Wire, res: Reply, requestId: string, err: unknown): void {
  g.log(`audit append failed for ${requestId}: ${(err as Error).message}`);
  const e = new GatewayError('server', 'audit_unavailable', 'The audit log is unavailable, so the gateway cannot serve requests.', { status: 503 });
  sendBody(res, e.status, JSON.stringify(wire.errorBody(e)), { [REQUEST_ID_HEADER]: requestId });
}

/**
 * Usage as reported, with what is missing estimated: input from the prompt (4 characters a
 * token), output from the characters seen (streams) or the body size (whole bodies, an upper bound).
 */
function usageOf(reported: ReportedUsage | null | undefined, features: CallFeatures, outputSize: number): SettledUsage {
  const input = reported?.inputTokens;
  const output = reported?.outputTokens;
  return {
    inputTokens: input ?? Math.ceil(features.promptText.length / 4),
    outputTokens: output ?? Math.ceil(outputSize / 4),
    estimated: input === undefined || output === undefined,
  };
}

/** Adds usage to the store before the quota hold is released, so the lifetime total is never undercounted. */
async function settleCall(g: GatewayContext, grantId: string, reservation: Reservation, usage: SettledUsage): Promise<void> {
  try {
    await g.store.addUsage(grantId, { requests: 1, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens });
  } catch (err) {
    g.log(`could not record usage for grant ${grantId}: ${(err as Error).message}`);
  }
  try {
    await g.quota.settle(reservation, usage.inputTokens + usage.outputTokens, g.now());
  } catch (err) {
    g.log(`could not settle quota for grant ${grantId}: ${(err as Error).message}`);
  }
}

/** Shows the finished call to the monitor, read by the monitor's own request readers. */
function observe(g: GatewayContext, wire: Wire, a: Admitted, grantId: string, usage: SettledUsage): Promise<void> {
  return observeTraffic(g, trafficRecordFor(wire.name, a.body, { grantId, grantee: a.grant.grantee, time: g.now(), inputTokens: usage.inputTokens, outputTokens: usage.outputTokens }));
}

export function asGatewayError(g: GatewayContext, err: unknown): GatewayError {
  if (err instanceof GatewayError) return err;
  g.log(`internal error: ${(err as Error)?.message ?? String(err)}`);
  return new GatewayError('server', 'internal_error', 'The gateway failed to handle the request.');
}
