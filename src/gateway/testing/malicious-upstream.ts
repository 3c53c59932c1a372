import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * TEST DOUBLE: an upstream that misbehaves on purpose, speaking raw bytes over TCP so it can send
 * what no HTTP library would. Each request is read whole (Content-Length), its JSON body recorded,
 * and answered by the next scripted behaviour (the last one repeats).
 */
export type Misbehaviour =
  /** A JSON reply whose header value holds a bare LF. */
  | { kind: 'bare-lf-header' }
  /** A 200 JSON reply with chunked coding that never ends (a chunk every `everyMs`). */
  | { kind: 'endless-chunked'; everyMs?: number }
  /** A 200 JSON reply that declares (and sends) `bytes` bytes. */
  | { kind: 'huge'; bytes: number }
  /** An SSE stream: one chunk, then silence (the connection stays open). */
  | { kind: 'stall-after-first' }
  /** An SSE stream that never ends: a chunk every `everyMs`. */
  | { kind: 'endless-sse'; everyMs: number }
  /** A 200 JSON chat completion reporting this usage (negative, huge...). */
  | { kind: 'usage'; promptTokens: number; completionTokens: number }
  /** A 200 JSON chat completion spending what max_tokens allowed, or `ignoring` tokens when it is absent. */
  | { kind: 'spend-max-tokens'; ignoring: number; delayMs?: number };

export interface MaliciousUpstream {
  /** Base URL for a model ref (`openai:x@${url}`). */
  url: string;
  /** JSON bodies received, in order. */
  requests: any[];
  /** Bytes written to the gateway so far (all connections). */
  bytesSent: number;
  /** Connections open now. */
  connections(): number;
  script(...behaviours: Misbehaviour[]): void;
  close(): Promise<void>;
}

const chunk = (content: string) => `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
const completion = (promptTokens: number, completionTokens: number) =>
  JSON.stringify({ id: 'x', object: 'chat.completion', created: 0, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens } });

export async function startMaliciousUpstream(...initial: Misbehaviour[]): Promise<MaliciousUpstream> {
  let plan: Misbehaviour[] = initial.length ? initial : [{ kind: 'usage', promptTokens: 1, completionTokens: 1 }];
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const state: MaliciousUpstream = {
    url: '', requests: [], bytesSent: 0,
    connections: () => sockets.size,
    script: (...b) => (plan = b),
    close: async () => undefined,
  };
  const send = (s: net.Socket, data: string | Buffer) => {
    if (s.destroyed) return false;
    state.bytesSent += typeof data === 'string' ? Buffer.byteLength(data, 'latin1') : data.length;
    return s.write(data, typeof data === 'string' ? 'latin1' : undefined);
  };
  const every = (s: net.Socket, ms: number, fn: () => void) => {
    const t = setInterval(() => (s.destroyed ? clearInterval(t) : fn()), ms);
    timers.add(t);
    s.once('close', () => clearInterval(t));
  };
  const answer = (s: net.Socket, body: any) => {
    const b = plan.length > 1 ? plan.shift()! : plan[0];
    const json = (text: string, extra = '') => send(s, `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n${extra}content-length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
    switch (b.kind) {
      case 'bare-lf-header':
        return json(completion(1, 1), 'retry-after: 1\nx-injected: yes\r\n');
      case 'endless-chunked':
        send(s, 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n');
        return every(s, b.everyMs ?? 1, () => send(s, `4000\r\n${'x'.repeat(0x4000)}\r\n`));
      case 'huge': {
        send(s, `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${b.bytes}\r\n\r\n`);
        let left = b.bytes;
        const piece = Buffer.alloc(64 * 1024, 0x78);
        const pump = () => {
          while (left > 0 && !s.destroyed) {
            const n = Math.min(left, piece.length);
            left -= n;
            if (!send(s, piece.subarray(0, n))) return void s.once('drain', pump);
          }
        };
        return pump();
      }
      case 'stall-after-first':
        return send(s, `HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n${frame(chunk('Hello'))}`);
      case 'endless-sse':
        send(s, `HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n${frame(chunk('tick'))}`);
        return every(s, b.everyMs, () => send(s, frame(chunk('tick'))));
      case 'usage':
        return json(completion(b.promptTokens, b.completionTokens));
      case 'spend-max-tokens': {
        const t = setTimeout(() => json(completion(1, typeof body?.max_tokens === 'number' ? body.max_tokens : b.ignoring)), b.delayMs ?? 0);
        timers.add(t);
        return;
      }
    }
  };
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    s.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.subarray(0, end).toString('latin1');
        const length = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
        if (buf.length < end + 4 + length) return;
        const text = buf.subarray(end + 4, end + 4 + length).toString('utf8');
        buf = buf.subarray(end + 4 + length);
        let body: any = null;
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
        state.requests.push(body);
        answer(s, body);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return state;
}

/** One chunk of chunked transfer coding. */
function frame(text: string): string {
  return `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
}
