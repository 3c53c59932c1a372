import type { UpstreamReply } from '../upstream/upstream.js';
import { RECEIPT_HEADER, REQUEST_ID_HEADER, formatReceipt } from './audit-trail.js';
import { type CallLedger, NO_TOKENS, usageOf } from './call-ledger.js';
import type { GatewayContext } from './context.js';
import { GatewayError } from './gateway-error.js';
import type { Reply } from './reply.js';
import { sendAuditUnavailable } from './respond.js';
import type { Wire } from './wire.js';

type StreamReply = Extract<UpstreamReply, { kind: 'stream' }>;

/**
 * Passes a stream on: headers (with the request leaf's receipt) and each chunk the moment they
 * can go. It ends early when the grantee goes away, the upstream breaks off or stalls (idle and
 * total timeouts, upstream/http-passthrough.ts), the reply outgrows the body cap, or the grant is
 * revoked, suspended or expires (OpenStreams): then with a final SSE error event saying why, and
 * the response leaf records it (`endedBy`). The response leaf's receipt follows as an SSE comment.
 */
export async function serveStream(g: GatewayContext, wire: Wire, res: Reply, ledger: CallLedger, reply: StreamReply): Promise<void> {
  const { requestId, grantId } = ledger.facts;
  let requestReceipt;
  try {
    requestReceipt = await ledger.recordRequest();
  } catch (err) {
    reply.cancel();
    await ledger.settle(NO_TOKENS);
    sendAuditUnavailable(g, wire, res, requestId, err);
    return;
  }

  const hasher = g.trail.bodyHasher(requestId, 'response', reply.contentType);
  const meter = wire.streamMeter();
  let clientGone = false;
  let endedBy: GatewayError | null = null;
  let wake: (() => void) | null = null;
  const hangUp = () => {
    if (!res.writableFinished && !clientGone) {
      clientGone = true;
      reply.cancel();
      wake?.();
    }
  };
  // Revocation (or a timeout) while the grantee is not reading must not wait for it to read.
  const stop = (why: GatewayError) => {
    endedBy ??= why;
    reply.cancel(why);
    wake?.();
  };
  const unregister = g.streams.add(grantId, stop);
  try {
    res.on('close', hangUp);
    if (res.destroyed) hangUp(); // gone while the upstream was starting
    res.writeHead(200, {
      'content-type': reply.contentType,
      'cache-control': 'no-cache',
      [RECEIPT_HEADER]: formatReceipt(requestReceipt),
      [REQUEST_ID_HEADER]: requestId,
    });
    try {
      for await (const chunk of reply.chunks) {
        if (clientGone || endedBy) break;
        const more = res.write(chunk);
        // node:http corks the socket on a write and uncorks it on the next tick, which waits for
        // every microtask (the chunks that arrived together, then the response leaf): send now.
        if (res.socket?.writableCorked) res.socket.uncork();
        meter.push(chunk);
        hasher.push(chunk);
        if (!more) {
          await new Promise<void>((resolve) => {
            const done = () => {
              res.off('drain', done);
              wake = null;
              resolve();
            };
            wake = done;
            res.on('drain', done);
          });
        }
      }
    } catch (err) {
      if (!clientGone) endedBy ??= err instanceof GatewayError ? err : new GatewayError('upstream', 'upstream_stream_failed', "The model's stream broke off.");
    }
    if (endedBy && !clientGone && !res.destroyed) {
      const event = wire.streamErrorEvent(endedBy);
      res.write(event);
      hasher.push(event);
    }
  } finally {
    unregister();
  }
  const metered = meter.result();
  const usage = usageOf(reply.usage ?? metered, ledger.call.features, metered.outputChars);
  const responseLeaf = ledger.recordResponse(hasher.finish(), {
    status: 200, stream: true, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, estimated: usage.estimated, clientClosed: clientGone,
    ...(endedBy ? { endedBy: endedBy.code } : {}),
  });
  await ledger.settle(usage);
  let trailer: string | undefined;
  try {
    // The response leaf's receipt, as an SSE comment (clients ignore comments).
    trailer = `: ${RECEIPT_HEADER} ${formatReceipt(await responseLeaf)}\n\n`;
  } catch (err) {
    g.log(`audit append failed for ${requestId}: ${(err as Error).message}`);
  }
  if (!clientGone && !res.destroyed) res.end(trailer);
}
