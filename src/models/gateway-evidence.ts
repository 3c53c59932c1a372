/**
 * Keeps what a Crosscheck gateway gives for each call: its receipts and the exact bytes they
 * commit to (the gateway's audit leaves hold salted hashes of both bodies; see
 * src/gateway/README.md, Receipts). The official SDKs take a `fetch`; this wraps it, so a reply
 * that carries `x-crosscheck-receipt` has its bodies kept and, for a stream, its final SSE comment
 * line read. Replies from anything else pass through untouched (one header lookup).
 *
 *   whole reply: x-crosscheck-receipt (response leaf, signed), x-crosscheck-request-receipt (request leaf)
 *   stream:      x-crosscheck-receipt (request leaf, signed), then `: x-crosscheck-receipt …` (response leaf, signed)
 *
 * The header names are the gateway's wire protocol, repeated here so providers need no gateway code.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { GatewayEvidence } from '../core/generation.js';

const RECEIPT = 'x-crosscheck-receipt';
const REQUEST_RECEIPT = 'x-crosscheck-request-receipt';
const REQUEST_ID = 'x-crosscheck-request-id';
const TRAILER = /^: x-crosscheck-receipt (\S+)\s*$/gm;
/** How long the first call through a gateway waits for its verifier key. */
const KEY_TIMEOUT_MS = 5000;

interface Capture {
  url: string;
  stream: boolean;
  requestId: string | null;
  requestBody: Buffer;
  headerReceipt: string;
  requestReceipt: string | null;
  chunks: Buffer[];
  /** The body was read to its end (a stream cut short has no response receipt to give). */
  complete: boolean;
}

/** The gateway's root URL for an SDK base URL: `http://gw/v1` → `http://gw`. */
export function gatewayRoot(baseURL: string): string {
  return baseURL.replace(/\/+$/, '').replace(/\/v1$/, '');
}

export class GatewayEvidenceRecorder {
  private readonly captures = new WeakMap<Response, Capture>();
  private verifierKey: Promise<string | null> | undefined;
  private readonly root: string;

  constructor(private readonly inner: typeof fetch, baseURL: string) {
    this.root = gatewayRoot(baseURL);
  }

  /** The fetch to give the SDK. */
  readonly fetch = (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const res = await this.inner(input, init);
    const receipt = res.headers.get(RECEIPT);
    if (!receipt || !res.ok || !res.body) return res;
    const stream = (res.headers.get('content-type') ?? '').includes('text/event-stream');
    const capture: Capture = {
      url: this.root,
      stream,
      requestId: res.headers.get(REQUEST_ID),
      requestBody: bodyBytes(init?.body),
      headerReceipt: receipt,
      requestReceipt: res.headers.get(REQUEST_RECEIPT),
      chunks: [],
      complete: false,
    };
    let body: ReadableStream<Uint8Array> | Uint8Array;
    if (stream) {
      body = res.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          capture.chunks.push(Buffer.from(chunk));
          controller.enqueue(chunk);
        },
        flush() {
          capture.complete = true;
        },
      }));
    } else {
      const whole = Buffer.from(await res.arrayBuffer());
      capture.chunks.push(whole);
      body = new Uint8Array(whole.buffer, whole.byteOffset, whole.byteLength);
      capture.complete = true;
    }
    const out = new Response(body as BodyInit, { status: res.status, statusText: res.statusText, headers: res.headers });
    this.captures.set(out, capture);
    return out;
  }) as typeof fetch;

  /**
   * The evidence for a call whose reply has been read (a stream to its end), or undefined when
   * the reply did not come through a gateway. The first call fetches the log's verifier key.
   */
  async evidenceFor(response: Response): Promise<GatewayEvidence | undefined> {
    const c = this.captures.get(response);
    if (!c) return undefined;
    let responseBody = Buffer.concat(c.chunks);
    const trailer = c.stream && c.complete ? lastTrailer(responseBody.toString('utf8')) : null;
    // The trailer carries the response leaf's receipt, so it cannot be part of the body that leaf hashes.
    const trailerLine = Buffer.from(`: ${RECEIPT} ${trailer}\n\n`, 'utf8');
    if (trailer && responseBody.subarray(-trailerLine.length).equals(trailerLine)) responseBody = responseBody.subarray(0, -trailerLine.length);
    return {
      url: c.url,
      verifierKey: await this.key(),
      requestId: c.requestId,
      stream: c.stream,
      requestReceipt: c.stream ? c.headerReceipt : c.requestReceipt,
      responseReceipt: c.stream ? trailer : c.headerReceipt,
      requestBody: pack(c.requestBody),
      responseBody: pack(responseBody),
    };
  }

  /** GET /audit/key, once per provider; null when the gateway does not serve it (an older gateway). */
  private key(): Promise<string | null> {
    this.verifierKey ??= (async () => {
      try {
        const res = await this.inner(`${this.root}/audit/key`, { signal: AbortSignal.timeout(KEY_TIMEOUT_MS) });
        if (!res.ok) {
          await res.body?.cancel();
          return null;
        }
        const body = (await res.json()) as { verifierKey?: unknown };
        return typeof body.verifierKey === 'string' ? body.verifierKey : null;
      } catch {
        return null;
      }
    })();
    return this.verifierKey;
  }
}

function bodyBytes(body: RequestInit['body'] | undefined): Buffer {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body);
  return Buffer.alloc(0);
}

function lastTrailer(text: string): string | null {
  let last: string | null = null;
  for (const m of text.matchAll(TRAILER)) last = m[1];
  return last;
}

/** gzip then base64: a stream's bytes are mostly repeated JSON framing, about a tenth of their size gzipped. */
function pack(bytes: Buffer): string {
  return gzipSync(bytes).toString('base64');
}

/** Largest body a bundle's verifier will unpack (a gzip bomb is bad input, not a crash). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** The bytes behind a packed body; throws with the reason if it is not gzip and base64. */
export function unpackBody(packed: string): Buffer {
  return gunzipSync(Buffer.from(packed, 'base64'), { maxOutputLength: MAX_BODY_BYTES });
}
