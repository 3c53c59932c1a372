import type { IncomingMessage } from 'node:http';
import type { Reply } from './reply.js';
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

/** Reads a request body, refusing (413) before reading more than `limit` bytes. */
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
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function tooLarge(limit: number): GatewayError {
  return new GatewayError('too_large', 'request_too_large', `The request body is larger than the gateway's limit of ${limit} bytes.`);
}

/** Resolves when the response can take more bytes, or when the client has gone. */
export function drained(res: Reply): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
