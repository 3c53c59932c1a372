import { Pool, errors, type Dispatcher } from 'undici';
import { GatewayError } from '../server/gateway-error.js';
import type { PassthroughTarget, Wire } from '../server/wire.js';
import { ChunkQueue } from './chunk-queue.js';
import { Deadlines } from './deadlines.js';
import type { Upstream, UpstreamCall, UpstreamReply } from './upstream.js';

/** What bounds one upstream exchange (gateway.yaml; see config.ts). */
export interface UpstreamLimits {
  /** A whole reply, or a stream's head, within this. */
  timeoutMs: number;
  /** Reply bodies (streams included) larger than this are refused: 502, or a cut stream. */
  maxBodyBytes: number;
  /** A stream (or body) silent this long is cut. */
  idleTimeoutMs: number;
  /** A stream open this long is cut. */
  streamTotalMs: number;
}

/**
 * One undici Pool per upstream origin and limits, shared by every model (and gateway in this
 * process) that uses it, and closed when the last of them closes.
 */
const pools = new Map<string, { pool: Pool; users: number }>();

function poolFor(url: URL, limits: UpstreamLimits): { pool: Pool; release(): Promise<void> } {
  const key = `${url.origin} ${JSON.stringify(limits)}`;
  let entry = pools.get(key);
  if (!entry) {
    // undici honours the server's Keep-Alive hint (less a margin) when it reuses a connection.
    const pool = new Pool(url.origin, { connections: 1024, maxResponseSize: limits.maxBodyBytes, headersTimeout: limits.timeoutMs, bodyTimeout: limits.idleTimeoutMs });
    pools.set(key, (entry = { pool, users: 0 }));
  }
  entry.users++;
  const e = entry;
  let released = false;
  return {
    pool: e.pool,
    async release() {
      if (released) return;
      released = true;
      if (--e.users > 0) return;
      pools.delete(key);
      await e.pool.close();
    },
  };
}

/** Upstream response headers worth passing on to the grantee (printable ASCII values only). */
const FORWARDED_HEADERS = ['retry-after', 'retry-after-ms'];
const PRINTABLE = /^[\x20-\x7e]*$/;

/** Header values go to the upstream as they are: printable ASCII and tabs only. */
const SAFE_VALUE = /^[\t\x20-\x7e]*$/;

/**
 * Forwards the grantee's request (with the upstream's model name and key) to an upstream that
 * speaks the same wire format, over undici's keep-alive connection pool (strict HTTP/1.1 parsing,
 * a body cap, head and idle timeouts). Streams are handed on as the raw byte chunks arrive;
 * nothing is buffered or re-encoded on the way.
 */
export function httpPassthrough(target: PassthroughTarget, wire: Wire, limits: UpstreamLimits): Upstream {
  const { pool, release } = poolFor(target.url, limits);
  const path = `${target.url.pathname}${target.url.search}`;
  const replies = new Deadlines(limits.timeoutMs);
  const streams = new Deadlines(limits.streamTotalMs);
  return {
    mode: 'passthrough',
    close: release,
    call(c: UpstreamCall): Promise<UpstreamReply> {
      const headers = target.headers(c.headers);
      for (const [k, v] of Object.entries(headers)) {
        if (!SAFE_VALUE.test(v)) throw new GatewayError('invalid_request', 'invalid_header', `The ${k} header holds characters that cannot be forwarded.`);
      }
      headers.accept = c.features.stream ? 'text/event-stream' : 'application/json';
      const payload = JSON.stringify(target.body(c.body, c.features.stream));
      return new Promise<UpstreamReply>((resolve, reject) => {
        let controller: Dispatcher.DispatchController | null = null;
        let early: Error | null = null;
        let settled = false;
        let stream: ChunkQueue | null = null;
        let started = false;
        let status = 502;
        let contentType = 'application/json';
        const forwarded: Record<string, string> = {};
        const chunks: Buffer[] = [];
        const exchange = {};
        const abort = (err: Error) => {
          if (controller) controller.abort(err);
          else early = err;
        };
        const done = () => {
          replies.end(exchange);
          streams.end(exchange);
        };
        pool.dispatch({ path, method: 'POST', headers, body: payload }, {
          onRequestStart(ctl) {
            controller = ctl;
            if (early) ctl.abort(early);
          },
          onResponseStart(_ctl, statusCode, h) {
            started = true;
            status = statusCode;
            contentType = typeof h['content-type'] === 'string' ? h['content-type'] : 'application/json';
            if (status === 401 || status === 403) {
              settled = true;
              done();
              // The grantee's key was fine; the gateway's own upstream credential was not.
              reject(new GatewayError('upstream', 'upstream_auth', "The model behind the gateway rejected the gateway's credentials."));
              abort(new errors.RequestAbortedError());
            } else if (status === 200 && contentType.includes('text/event-stream')) {
              settled = true;
              replies.end(exchange); // a long stream is not a stalled request: its own total limit applies
              streams.start(exchange, () => abort(new GatewayError('timeout', 'stream_total_timeout', `The stream was still open after ${limits.streamTotalMs} ms.`)));
              const q = new ChunkQueue({ onFull: () => controller?.pause(), onDrained: () => controller?.resume(), onStop: () => abort(new errors.RequestAbortedError()) });
              stream = q;
              resolve({ kind: 'stream', contentType, chunks: q, cancel: (why) => { q.fail(why ?? new GatewayError('upstream', 'client_closed', 'The grantee went away.')); abort(new errors.RequestAbortedError()); } });
            } else {
              for (const name of FORWARDED_HEADERS) {
                const value = h[name];
                if (typeof value === 'string' && PRINTABLE.test(value)) forwarded[name] = value;
              }
            }
          },
          onResponseData(_ctl, chunk) {
            if (stream) stream.push(chunk);
            else if (!settled) chunks.push(chunk);
          },
          onResponseEnd() {
            done();
            if (stream) stream.end();
            if (settled) return;
            const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
            resolve({ kind: 'complete', status, contentType, body, usage: status === 200 ? wire.usageOf(parseJson(body)) : null, headers: forwarded });
          },
          onResponseError(_ctl, err) {
            done();
            const e = asUpstreamError(err, limits, started);
            // A stream cut off mid-way says so; its limits (idle, total, size) say which.
            if (stream) stream.fail(e.code === 'upstream_truncated' ? new GatewayError('upstream', 'upstream_stream_failed', "The model's stream broke off.") : e);
            if (settled) return;
            settled = true;
            reject(e);
          },
        });
        // Until the whole reply (or a stream's head) is in; see Deadlines.
        replies.start(exchange, () => abort(new GatewayError('timeout', 'upstream_timeout', `The model did not answer within ${limits.timeoutMs} ms.`)));
      });
    },
  };
}

function asUpstreamError(err: Error, limits: UpstreamLimits, replyStarted: boolean): GatewayError {
  if (err instanceof GatewayError) return err;
  if (err instanceof errors.ResponseExceededMaxSizeError) {
    return new GatewayError('upstream', 'upstream_too_large', `The model's reply is larger than the gateway's limit of ${limits.maxBodyBytes} bytes.`);
  }
  if (err instanceof errors.BodyTimeoutError) return new GatewayError('timeout', 'upstream_idle_timeout', `The model sent nothing for ${limits.idleTimeoutMs} ms.`);
  if (err instanceof errors.HeadersTimeoutError) return new GatewayError('timeout', 'upstream_timeout', `The model did not answer within ${limits.timeoutMs} ms.`);
  if (err instanceof errors.HTTPParserError) return new GatewayError('upstream', 'upstream_bad_reply', 'The model behind the gateway sent a reply that is not valid HTTP.');
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
