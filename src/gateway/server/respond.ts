import type { IncomingMessage } from 'node:http';
import { REQUEST_ID_HEADER } from './audit-trail.js';
import type { GatewayContext } from './context.js';
import type { Reply } from './reply.js';
import type { Wire } from './wire.js';
import { GatewayError } from './gateway-error.js';

/** Writes a whole JSON (or already-encoded) body with its length. */
export function sendBody(res: Reply, status: number, body: Buffer | string, headers: Record<string, string>): void {
  if (res.headersSent || res.destroyed) return;
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { 'content-type': 'application/json', ...headers, 'content-length': String(bytes.length) });
  res.end(bytes);
}

/** Retry-After (seconds, as every client reads it) and retry-after-ms (what the SDKs prefer). */
export function errorHeaders(err: GatewayError): Record<string, string> {
  const s = err.extra.retryAfterS;
  return s === undefined ? {} : { 'retry-after': String(s), 'retry-after-ms': String(s * 1000) };
}

/** The client went away before its request was read to the end: nobody is left to answer. */
export class ClientGone extends Error {
  constructor() {
    super('the client closed the connection before its request was read');
  }
}

/** A request's read failed because its client went away (not the gateway's failure: no internal-error log). */
export function isClientAbort(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return err instanceof ClientGone || code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'EPIPE';
}

/**
 * Reads a request body, refusing (413) before reading more than `limit` bytes. The chunks are
 * joined once at the end, so reading costs the same per byte however small the packets.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume(); // the connection is closed after the 413
        reject(tooLarge(limit));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)));
    req.on('error', () => reject(new ClientGone()));
    req.on('close', () => {
      if (!req.complete) reject(new ClientGone());
    });
  });
}

function tooLarge(limit: number): GatewayError {
  return new GatewayError('too_large', 'request_too_large', `The request body is larger than the gateway's limit of ${limit} bytes.`);
}

/** The call's leaves could not be committed: the upstream's answer (if any) is not passed on. */
export function sendAuditUnavailable(g: Pick<GatewayContext, 'log'>, wire: Pick<Wire, 'errorBody'>, res: Reply, requestId: string, err: unknown): void {
  g.log(`audit append failed for ${requestId}: ${(err as Error).message}`);
  const e = new GatewayError('server', 'audit_unavailable', 'The audit log is unavailable, so the gateway cannot serve requests.', { status: 503 });
  sendBody(res, e.status, JSON.stringify(wire.errorBody(e)), { [REQUEST_ID_HEADER]: requestId });
}
