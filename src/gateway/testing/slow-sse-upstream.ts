import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * TEST DOUBLE: an OpenAI-format upstream that streams the first chunk at once, waits `pauseMs`,
 * then sends the rest (with usage) — to see whether the gateway passes chunks on as they come,
 * and what it does when the grantee hangs up in between. Records when it finished or was cut.
 */
export interface SlowSseUpstream {
  url: string;
  requests: any[];
  /** performance.now() when the last byte was written, per request. */
  finishedAt: number[];
  /** Requests whose connection closed before the stream was complete. */
  cut: number;
  close(): Promise<void>;
}

export async function startSlowSseUpstream(opts: { pauseMs: number; first: string; rest: string; promptTokens: number; completionTokens: number }): Promise<SlowSseUpstream> {
  const state: SlowSseUpstream = { url: '', requests: [], finishedAt: [], cut: 0, close: async () => undefined };
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const chunk = (delta: unknown, extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'slow', choices: [{ index: 0, delta, finish_reason: null }], ...extra })}\n\n`;
  const server = createServer(async (req, res) => {
    let text = '';
    for await (const c of req) text += c;
    state.requests.push(JSON.parse(text));
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(chunk({ role: 'assistant', content: opts.first }));
    let done = false;
    res.on('close', () => {
      if (!done) state.cut++;
    });
    const t = setTimeout(() => {
      timers.delete(t);
      if (res.destroyed) return;
      res.write(chunk({ content: opts.rest }));
      res.write(`data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'slow', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
      res.write(`data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'slow', choices: [], usage: { prompt_tokens: opts.promptTokens, completion_tokens: opts.completionTokens, total_tokens: opts.promptTokens + opts.completionTokens } })}\n\n`);
      done = true;
      res.end('data: [DONE]\n\n', () => state.finishedAt.push(performance.now()));
    }, opts.pauseMs);
    timers.add(t);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return state;
}
