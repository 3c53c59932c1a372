import { GatewayError } from '../server/gateway-error.js';
import type { PassthroughTarget, Wire } from '../server/wire.js';
import { Deadlines } from './deadlines.js';
import { ChunkQueue } from './h1/chunk-queue.js';
import { H1Pool } from './h1/h1-pool.js';
import { HttpParseError } from './h1/response-parser.js';
import type { Upstream, UpstreamCall, UpstreamReply } from './upstream.js';

/** One pool per upstream origin, shared by every model served from it. */
const pools = new Map<string, H1Pool>();

function poolFor(url: URL): H1Pool {
  let pool = pools.get(url.origin);
  if (!pool) pools.set(url.origin, (pool = new H1Pool(url)));
  return pool;
}

/** Upstream response headers worth passing on to the grantee. */
const FORWARDED_HEADERS = ['retry-after', 'retry-after-ms'];

/** Header values go into the request as they are: printable ASCII only (so the whole request is one UTF-8 string). */
const SAFE_VALUE = /^[\t\x20-\x7e]*$/;

/**
 * Forwards the grantee's request (with the upstream's model name and key) to an upstream that
 * speaks the same wire format, over keep-alive HTTP/1.1 connections (H1Pool). Streams are handed
 * on as the raw byte chunks arrive; nothing is buffered or re-encoded on the way.
 */
export function httpPassthrough(target: PassthroughTarget, wire: Wire, timeoutMs: number): Upstream {
  const pool = poolFor(target.url);
  const requestLine = `POST ${target.url.pathname}${target.url.search} HTTP/1.1\r\nhost: ${target.url.host}\r\n`;
  const deadlines = new Deadlines(timeoutMs);
  return {
    mode: 'passthrough',
    // Idle connections only: the pool is shared with other models on the same origin and reconnects on demand.
    async close() {
      pool.close();
    },
    call(c: UpstreamCall): Promise<UpstreamReply> {
      const payload = JSON.stringify(target.body(c.body, c.features.stream));
      let request = requestLine;
      for (const [k, v] of Object.entries(target.headers(c.headers))) {
        if (!SAFE_VALUE.test(v)) throw new GatewayError('invalid_request', 'invalid_header', `The ${k} header holds characters that cannot be forwarded.`);
        request += `${k}: ${v}\r\n`;
      }
      // One string, encoded once by the socket write: no payload Buffer, no copy into a request Buffer.
      request += `content-length: ${Buffer.byteLength(payload)}\r\naccept: ${c.features.stream ? 'text/event-stream' : 'application/json'}\r\n\r\n${payload}`;

      return new Promise<UpstreamReply>((resolve, reject) => {
        let settled = false;
        let stream: ChunkQueue | null = null;
        let status = 502;
        let contentType = 'application/json';
        const headers: Record<string, string> = {};
        const chunks: Buffer[] = [];
        const exchange = pool.request(request, {
          head(h) {
            status = h.status;
            contentType = h.headers.get('content-type') ?? 'application/json';
            if (status === 401 || status === 403) {
              settled = true;
              deadlines.end(exchange);
              // The grantee's key was fine; the gateway's own upstream credential was not.
              reject(new GatewayError('upstream', 'upstream_auth', "The model behind the gateway rejected the gateway's credentials."));
            } else if (status === 200 && contentType.includes('text/event-stream')) {
              settled = true;
              deadlines.end(exchange); // a long stream is not a stalled request
              const q = new ChunkQueue({ onFull: () => exchange.pause(), onDrained: () => exchange.resume(), onStop: () => exchange.abort() });
              stream = q;
              resolve({ kind: 'stream', contentType, chunks: q, cancel: () => { exchange.abort(); q.end(); } });
            } else {
              for (const name of FORWARDED_HEADERS) {
                const value = h.headers.get(name);
                if (value !== undefined) headers[name] = value;
              }
            }
          },
          body(chunk) {
            if (stream) stream.push(chunk);
            else if (!settled) chunks.push(chunk);
          },
          end() {
            deadlines.end(exchange);
            if (stream) stream.end();
            if (settled) return;
            const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
            resolve({ kind: 'complete', status, contentType, body, usage: status === 200 ? wire.usageOf(parseJson(body)) : null, headers });
          },
          fail(err, replyStarted) {
            deadlines.end(exchange);
            if (stream) stream.fail(new GatewayError('upstream', 'upstream_stream_failed', "The model's stream broke off."));
            if (settled) return;
            reject(asUpstreamError(err, replyStarted));
          },
        });
        // Until the whole reply (or a stream's first bytes) is in; see Deadlines.
        deadlines.start(exchange, () => exchange.abort(new GatewayError('timeout', 'upstream_timeout', `The model did not answer within ${timeoutMs} ms.`)));
      });
    },
  };
}

function asUpstreamError(err: Error, replyStarted: boolean): GatewayError {
  if (err instanceof GatewayError) return err;
  if (err instanceof HttpParseError) return new GatewayError('upstream', 'upstream_bad_reply', 'The model behind the gateway sent a reply that is not valid HTTP.');
  if (replyStarted) return new GatewayError('upstream', 'upstream_truncated', "The model's reply was cut off.");
  return new GatewayError('upstream', 'upstream_unreachable', 'The model behind the gateway could not be reached.');
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
}
