import http from 'node:http';

/** Closed-loop load: N requests at concurrency C over keep-alive; latency and time to first byte in ms. */
export interface LoadResult { n: number; errors: number; p50: number; p99: number; rps: number; ttftP50: number }

export async function load(url: string, concurrency: number, n: number, opts: { stream?: boolean; key?: string } = {}): Promise<LoadResult> {
  const u = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const payload = JSON.stringify({ model: 'bench-model', stream: Boolean(opts.stream), messages: [{ role: 'user', content: 'Say hello.' }] });
  const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization: `Bearer ${opts.key ?? 'none'}` };
  const latencies: number[] = [];
  const ttfts: number[] = [];
  let errors = 0;
  let issued = 0;
  const one = () => new Promise<void>((resolve) => {
    const t0 = process.hrtime.bigint();
    let first = 0;
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent, headers }, (res) => {
      let body = '';
      res.on('data', (d) => {
        if (!first) first = Number(process.hrtime.bigint() - t0) / 1e6;
        body += d;
      });
      res.on('end', () => {
        const ok = res.statusCode === 200 && (opts.stream ? body.includes('[DONE]') : body.includes('chat.completion'));
        if (!ok) errors++;
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        ttfts.push(first);
        resolve();
      });
    });
    req.on('error', () => { errors++; resolve(); });
    req.end(payload);
  });
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, async () => { while (issued < n) { issued++; await one(); } }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
  return { n, errors, p50: q(latencies, 0.5), p99: q(latencies, 0.99), rps: n / seconds, ttftP50: q(ttfts, 0.5) };
}
