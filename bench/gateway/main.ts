import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { load } from './load.js';

/**
 * npm run bench:gateway [-- N] [--with-portkey]
 *
 * Added latency of the Crosscheck gateway (real `crosscheck gateway serve`, SQLite store, Merkle
 * audit log and monitor on) over calling a zero-latency upstream directly: p50/p99 at
 * concurrency 1 and 32, throughput at 32, and streaming time to first token; and, for scale,
 * what a bare node:http proxy adds at concurrency 1 on this machine at that moment. One line.
 * --with-portkey then runs ../shared/bench/peers/portkey/bench.sh so both land in one run.
 */
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const ADMIN = 'bench-admin-key-not-a-secret';

function firstLine(child: ChildProcess, re: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (l) => { const m = re.exec(l); if (m) resolve(m[1]); });
    child.on('exit', (code) => reject(new Error(`exited ${code}`)));
  });
}

async function main(): Promise<void> {
  const n = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 2000);
  const upstream = spawn(process.execPath, [join(here, 'mock-upstream.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await firstLine(upstream, /^PORT=(\d+)/);
  const direct = `http://127.0.0.1:${port}/v1/chat/completions`;
  const dir = mkdtempSync(join(tmpdir(), 'cc-gw-bench-'));
  const config = join(dir, 'gateway.yaml');
  writeFileSync(config, `listen: { host: 127.0.0.1, port: 0 }\nstore: { sqlite: ./gateway.db }\nmodels:\n  bench-model: { upstream: "openai:bench-upstream@http://127.0.0.1:${port}/v1" }\n`);
  const env = { ...process.env, CROSSCHECK_ADMIN_KEY: ADMIN };
  const reference = spawn(process.execPath, [join(here, 'reference-proxy.js'), port], { stdio: ['ignore', 'pipe', 'inherit'] });
  const gateway = spawn(process.execPath, [join(root, 'dist', 'src', 'cli', 'main.js'), 'gateway', 'serve', '--config', config], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const url = await firstLine(gateway, /gateway listening on (\S+)/);
    const bare = `http://127.0.0.1:${await firstLine(reference, /^PORT=(\d+)/)}/v1/chat/completions`;
    const created = await fetch(`${url}/admin/grants`, {
      method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ grantee: 'bench', models: ['bench-model'], purpose: 'benchmark' }),
    });
    const { key } = (await created.json()) as { key: string };
    const via = `${url}/v1/chat/completions`;
    // Warm up JIT and keep-alive sockets on both paths.
    await load(direct, 8, 300);
    await load(via, 8, 300, { key });
    await load(bare, 8, 300);
    const d1 = await load(direct, 1, n);
    const g1 = await load(via, 1, n, { key });
    const r1 = await load(bare, 1, n);
    const d32 = await load(direct, 32, n);
    const g32 = await load(via, 32, n, { key });
    // The streaming path is warmed up like the others before it is timed.
    await load(direct, 4, 300, { stream: true });
    await load(via, 4, 300, { stream: true, key });
    const ds = await load(direct, 1, 1000, { stream: true });
    const gs = await load(via, 1, 1000, { stream: true, key });
    const f = (x: number) => x.toFixed(2);
    const errors = [d1, g1, r1, d32, g32, ds, gs].reduce((s, r) => s + r.errors, 0);
    process.stdout.write(
      `crosscheck-gateway audit=on N=${n} errors=${errors} | c=1: direct p50=${f(d1.p50)} p99=${f(d1.p99)} gw p50=${f(g1.p50)} p99=${f(g1.p99)} ` +
      `added p50=+${f(g1.p50 - d1.p50)} p99=+${f(g1.p99 - d1.p99)} ms | c=32: direct rps=${d32.rps.toFixed(0)} gw rps=${g32.rps.toFixed(0)} ` +
      `p50=${f(g32.p50)} p99=${f(g32.p99)} added p50=+${f(g32.p50 - d32.p50)} ms | stream c=1 TTFT p50: direct=${f(ds.ttftP50)} gw=${f(gs.ttftP50)} added=+${f(gs.ttftP50 - ds.ttftP50)} ms | ` +
      `reference: bare node:http proxy c=1 added p50=+${f(r1.p50 - d1.p50)} ms\n`,
    );
  } finally {
    gateway.kill('SIGTERM');
    upstream.kill('SIGTERM');
    reference.kill('SIGTERM');
    await new Promise((r) => gateway.on('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
  if (process.argv.includes('--with-portkey')) {
    const r = spawnSync('bash', [join(root, '..', 'shared', 'bench', 'peers', 'portkey', 'bench.sh')], { encoding: 'utf8', env: { ...process.env, N: String(n) } });
    process.stdout.write(r.stdout || `portkey: failed (${r.status}) ${r.stderr.split('\n')[0]}\n`);
  }
}

void main();
