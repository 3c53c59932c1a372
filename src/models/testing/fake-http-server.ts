import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * TEST DOUBLE: the loopback HTTP server under the fake OpenAI / Anthropic / Google servers.
 * It records every request and answers from a queue of scripted replies, falling back to a
 * handler (each fake supplies one that speaks its API's normal success format).
 */
export interface RecordedRequest {
  method: string;
  /** Path with query string, e.g. `/v1/chat/completions`. */
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or the raw text if it was not JSON, or undefined if empty. */
  body: any;
}

export type FakeReply =
  /** A JSON body (status 200 unless given). */
  | { kind: 'json'; status?: number; body: unknown; headers?: Record<string, string>; delayMs?: number }
  /** Server-sent events, one `data:` line each (objects are JSON-encoded); `event` names optional. */
  | { kind: 'sse'; events: SseEvent[]; headers?: Record<string, string>; delayMs?: number; endAbruptly?: boolean }
  /** Any bytes, e.g. malformed JSON. */
  | { kind: 'raw'; status?: number; body: string; contentType?: string; headers?: Record<string, string>; delayMs?: number }
  /** Headers promise more bytes than are sent, then the socket is destroyed mid-body. */
  | { kind: 'truncated'; body: string; status?: number; contentType?: string }
  /** Never answers; the client has to give up (abort / timeout). */
  | { kind: 'hang' }
  /** Closes the connection without any response. */
  | { kind: 'reset' };

export type SseEvent = { event?: string; data: unknown } | string;

export type FakeHandler = (req: RecordedRequest) => FakeReply | Promise<FakeReply>;

export interface FakeServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Queue replies used (first in, first out) before falling back to the handler. */
  enqueue(...replies: FakeReply[]): void;
  /** Forgets recorded requests and unused queued replies (call between tests). */
  reset(): void;
  /** Connections open now (a client's keep-alive ones included). */
  connections(): number;
  close(): Promise<void>;
}

export async function startFakeHttpServer(fallback: FakeHandler, queued: FakeReply[] = []): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const queue = [...queued];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: parseBody(text) };
    requests.push(recorded);
    try {
      const reply = queue.length ? queue.shift()! : await fallback(recorded);
      await send(res, reply, (ms) => delay(ms, timers));
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fake server handler failed: ${(err as Error).message}`);
    }
  });
  // Idle keep-alive connections are never timed out by the server (close() ends them): a client
  // reusing one just as a 5 s server timeout closed it would see a reset, not the scripted reply.
  server.keepAliveTimeout = 0;
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...replies) => queue.push(...replies),
    connections: () => sockets.size,
    reset: () => {
      requests.length = 0;
      queue.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy(); // includes hanging requests and keep-alive sockets
        server.close(() => resolve());
      }),
  };
}

async function send(res: ServerResponse, reply: FakeReply, wait: (ms: number) => Promise<void>): Promise<void> {
  switch (reply.kind) {
    case 'json': {
      if (reply.delayMs) await wait(reply.delayMs);
      const body = JSON.stringify(reply.body);
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(body);
      return;
    }
    case 'raw':
      if (reply.delayMs) await wait(reply.delayMs);
      res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'application/json', ...reply.headers });
      res.end(reply.body);
      return;
    case 'sse': {
      if (reply.delayMs) await wait(reply.delayMs);
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...reply.headers });
      const body = reply.events.map(formatSse).join('');
      // Destroy only once the bytes are flushed, or the client sees no response at all.
      if (reply.endAbruptly) res.write(body, () => res.socket?.destroy());
      else res.end(body);
      return;
    }
    case 'truncated':
      res.writeHead(reply.status ?? 200, {
        'content-type': reply.contentType ?? 'application/json',
        'content-length': String(Buffer.byteLength(reply.body) + 100),
      });
      res.write(reply.body, () => res.socket?.destroy());
      return;
    case 'hang':
      return; // the socket is destroyed by the client's abort or by close()
    case 'reset':
      res.socket?.destroy();
      return;
  }
}

export function formatSse(e: SseEvent): string {
  if (typeof e === 'string') return `data: ${e}\n\n`;
  const data = typeof e.data === 'string' ? e.data : JSON.stringify(e.data);
  return `${e.event ? `event: ${e.event}\n` : ''}data: ${data}\n\n`;
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function delay(ms: number, timers: Set<NodeJS.Timeout>): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      timers.delete(t);
      resolve();
    }, ms);
    timers.add(t);
  });
}
