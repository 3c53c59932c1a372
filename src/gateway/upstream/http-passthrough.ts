import http from 'node:http';
import https from 'node:https';
import { GatewayError } from '../server/gateway-error.js';
import type { PassthroughTarget, Wire } from '../server/wire.js';
import { Deadlines } from './deadlines.js';
import type { Upstream, UpstreamCall, UpstreamReply } from './upstream.js';

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 1024, scheduling: 'lifo' }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 1024, scheduling: 'lifo' }),
};

/** Upstream response headers worth passing on to the grantee. */
const FORWARDED_HEADERS = ['retry-after', 'retry-after-ms'];

/**
 * Forwards the grantee's request (with the upstream's model name and key) to an upstream that
 * speaks the same wire format, over node:http with keep-alive. Streams are handed on as the raw
 * byte chunks arrive; nothing is buffered or re-encoded on the way.
 */
export function httpPassthrough(target: PassthroughTarget, wire: Wire, timeoutMs: number): Upstream {
  const transport = target.url.protocol === 'https:' ? https : http;
  const agent = agents[target.url.protocol as 'http:' | 'https:'];
  // Plain options, built once: handing http.request a URL converts it on every call.
  const where = { protocol: target.url.protocol, hostname: target.url.hostname, port: target.url.port, path: target.url.pathname + target.url.search };
  const host = target.url.host;
  const deadlines = new Deadlines(timeoutMs);
  return {
    mode: 'passthrough',
    call(c: UpstreamCall): Promise<UpstreamReply> {
      const payload = Buffer.from(JSON.stringify(target.body(c.body, c.features.stream)));
      // Headers as a flat list: node writes them as given instead of filing each in a header map.
      const headers = ['host', host];
      for (const [k, v] of Object.entries(target.headers(c.headers))) headers.push(k, v);
      headers.push('content-length', String(payload.length), 'accept', c.features.stream ? 'text/event-stream' : 'application/json');
      return new Promise<UpstreamReply>((resolve, reject) => {
        const req = transport.request({ ...where, method: 'POST', agent, headers });
        // Until the whole reply (or a stream's first bytes) is in; see Deadlines.
        deadlines.start(req, () => req.destroy(new GatewayError('timeout', 'upstream_timeout', `The model did not answer within ${timeoutMs} ms.`)));
        req.on('close', () => deadlines.end(req));
        req.on('error', (err) => reject(err instanceof GatewayError ? err : new GatewayError('upstream', 'upstream_unreachable', 'The model behind the gateway could not be reached.')));
        req.on('response', (res) => {
          const status = res.statusCode ?? 502;
          const contentType = String(res.headers['content-type'] ?? 'application/json');
          if (status === 401 || status === 403) {
            res.resume();
            // The grantee's key was fine; the gateway's own upstream credential was not.
            reject(new GatewayError('upstream', 'upstream_auth', 'The model behind the gateway rejected the gateway\'s credentials.'));
            return;
          }
          if (status === 200 && contentType.includes('text/event-stream')) {
            deadlines.end(req); // a long stream is not a stalled request; the idle socket timeout still applies upstream
            resolve({ kind: 'stream', contentType, chunks: res, cancel: () => req.destroy() });
            return;
          }
          const headers: Record<string, string> = {};
          for (const h of FORWARDED_HEADERS) if (typeof res.headers[h] === 'string') headers[h] = res.headers[h] as string;
          const chunks: Buffer[] = [];
          res.on('data', (d: Buffer) => chunks.push(d));
          res.on('end', () => {
            const body = Buffer.concat(chunks);
            resolve({ kind: 'complete', status, contentType, body, usage: status === 200 ? wire.usageOf(parseJson(body)) : null, headers });
          });
          res.on('error', () => reject(new GatewayError('upstream', 'upstream_truncated', 'The model\'s reply was cut off.')));
        });
        req.end(payload);
      });
    },
  };
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
}
