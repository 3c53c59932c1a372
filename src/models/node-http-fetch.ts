import http from 'node:http';
import https from 'node:https';

/**
 * A `fetch` for the official SDKs (they accept one through their `fetch` option) built on
 * node:http with keep-alive agents. Node 20's built-in fetch (undici behind web streams) costs
 * about 0.8 ms of CPU per call, most of the harness's time; this path costs a fraction of it.
 * It keeps fetch's observable behaviour that the SDKs rely on: the promise resolves when the
 * headers arrive, SSE bodies stream, an abort rejects with an AbortError, a connection failure
 * rejects, and a body cut short fails when it is read (so truncation surfaces as a bad body).
 * Anything it does not handle (non-text request bodies, other schemes) goes to global fetch.
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 512, scheduling: 'lifo' }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 512, scheduling: 'lifo' }),
};

export const nodeHttpFetch = (async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
  const url = typeof input === 'string' ? new URL(input) : input instanceof URL ? input : new URL(input.url);
  const body = init.body;
  if (input instanceof Request || (url.protocol !== 'http:' && url.protocol !== 'https:') || !isSimpleBody(body)) {
    return fetch(input, init);
  }
  const signal = init.signal ?? undefined;
  if (signal?.aborted) throw abortError(signal);
  return new Promise<Response>((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    const req = transport.request(
      url,
      { method: init.method ?? 'GET', headers: plainHeaders(init.headers), agent: agents[url.protocol as 'http:' | 'https:'], signal },
      (res) => {
        const status = res.statusCode ?? 0;
        const headers = responseHeaders(res.rawHeaders);
        const noBody = init.method === 'HEAD' || status === 204 || status === 304;
        if (String(res.headers['content-type']).includes('text/event-stream')) {
          resolve(new Response(streamBody(res), { status, statusText: res.statusMessage, headers }));
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage, headers })));
        // Headers came but the body broke off: like fetch, the failure shows when the body is read.
        res.on('close', () => {
          if (!res.complete) resolve(new Response(failingStream(terminated()), { status, statusText: res.statusMessage, headers }));
        });
        res.on('error', () => undefined); // reported through 'close' above
      },
    );
    req.on('error', (err) => reject(signal?.aborted ? abortError(signal) : new TypeError('fetch failed', { cause: err })));
    req.end(body ?? undefined);
  });
}) as typeof fetch;

function isSimpleBody(body: unknown): body is string | Uint8Array | null | undefined {
  return body == null || typeof body === 'string' || body instanceof Uint8Array;
}

function plainHeaders(headers: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  if (headers instanceof Headers || Array.isArray(headers)) {
    for (const [k, v] of headers as Iterable<[string, string]>) out[k] = v;
  } else {
    for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = String(v);
  }
  return out;
}

function responseHeaders(raw: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
  return headers;
}

/** A body cut short fails the way undici's fetch does, so the SDK error mapping sees the same thing. */
function terminated(): TypeError {
  return new TypeError('terminated');
}

/** An SSE body as a web stream, chunk by chunk as it arrives; a cut-off stream errors as `terminated`. */
function streamBody(res: http.IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      res.on('data', (c: Buffer) => controller.enqueue(new Uint8Array(c.buffer, c.byteOffset, c.byteLength)));
      res.on('end', () => controller.close());
      res.on('error', () => undefined);
      res.on('close', () => {
        if (!res.complete) controller.error(terminated());
      });
    },
    cancel() {
      res.destroy();
    },
  });
}

function failingStream(err: Error): ReadableStream {
  return new ReadableStream({ start: (controller) => controller.error(err) });
}

function abortError(signal: AbortSignal): Error {
  const reason = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('This operation was aborted', 'AbortError');
}
