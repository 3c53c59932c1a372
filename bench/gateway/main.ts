import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { load, type LoadResult } from './load.js';

/**
 * npm run bench:gateway [-- N] [--rounds R] [--fsync] [--against OTHER/dist/src/cli/main.js]... [--with-portkey]
 *
 * Added latency of the Crosscheck gateway (real `crosscheck gateway serve`, SQLite store, Merkle
 * audit log with durable signed receipts, monitor on) over calling a zero-latency upstream
 * directly: p50/p99 at concurrency 1, throughput at 32, streaming time to first token; beside it,
 * in the same rounds, a bare node:http + undici proxy (the floor on these libraries). The
 * machine is shared and drifts, so every target is measured in each of R rounds, one after the
 * other, and the line gives the median over rounds and [min..max] the spread. The defaults are 16,000
 * calls in 16 rounds (under a minute): on a shared 2-vCPU VM, nine such runs of one build gave c=1
 * medians from +0.15 to +0.23 ms over the reference proxy.
 * --fsync adds a gateway with `durability: fsync` (the flush's cost); --against adds a gateway
 * from another build (a side-by-side comparison); --with-portkey then runs
 * ../shared/bench/peers/portkey/bench.sh. One line per run (two with Portkey).
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

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

interface Target { name: string; url: string; key?: string }

async function startGateway(name: string, main: string, upstreamPort: string, extraYaml: string, children: ChildProcess[], dirs: string[]): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'cc-gw-bench-'));
  dirs.push(dir);
  const config = join(dir, 'gateway.yaml');
  writeFileSync(config, `listen: { host: 127.0.0.1, port: 0 }\nstore: { sqlite: ./gateway.db }\n${extraYaml}models:\n  bench-model: { upstream: "openai:bench-upstream@http://127.0.0.1:${upstreamPort}/v1" }\n`);
  const child = spawn(process.execPath, [main, 'gateway', 'serve', '--config', config], { env: { ...process.env, CROSSCHECK_ADMIN_KEY: ADMIN }, stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(child);
  const url = await firstLine(child, /gateway listening on (\S+)/);
  const created = await fetch(`${url}/admin/grants`, {
    method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ grantee: 'bench', models: ['bench-model'], purpose: 'benchmark' }),
  });
  const { key } = (await created.json()) as { key: string };
  return { name, url: `${url}/v1/chat/completions`, key };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f = (x: number) => x.toFixed(2);
/** `median [min..max]` of a per-round figure. */
const spread = (xs: number[], digits = 2) => `${median(xs).toFixed(digits)} [${Math.min(...xs).toFixed(digits)}..${Math.max(...xs).toFixed(digits)}]`;

async function main(): Promise<void> {
  const n = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 16000);
  const rounds = Number(flag('--rounds') ?? 16);
  const per = Math.max(200, Math.floor(n / rounds));
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  try {
    const upstream = spawn(process.execPath, [join(here, 'mock-upstream.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(upstream);
    const port = await firstLine(upstream, /^PORT=(\d+)/);
    const reference = spawn(process.execPath, [join(here, 'reference-proxy.js'), port], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(reference);
    const main = join(root, 'dist', 'src', 'cli', 'main.js');
    const targets: Target[] = [
      { name: 'direct', url: `http://127.0.0.1:${port}/v1/chat/completions` },
      { name: 'ref', url: `http://127.0.0.1:${await firstLine(reference, /^PORT=(\d+)/)}/v1/chat/completions` },
      await startGateway('gw', main, port, '', children, dirs),
    ];
    if (process.argv.includes('--fsync')) targets.push(await startGateway('gw-fsync', main, port, 'audit: { durability: fsync }\n', children, dirs));
    // Each --against PATH adds a gateway from another build, named after the folder that holds its dist/.
    for (const [i, a] of process.argv.entries()) {
      if (a !== '--against') continue;
      const path = resolve(process.argv[i + 1]);
      targets.push(await startGateway(basename(path.split(`${sep}dist${sep}`)[0]) || 'other', path, port, '', children, dirs));
    }

    // Warm up JIT and keep-alive sockets on every path, streaming too.
    for (const t of targets) {
      await load(t.url, 8, 300, { key: t.key });
      await load(t.url, 4, 300, { key: t.key, stream: true });
    }
    const runs = new Map<string, { c1: LoadResult[]; c32: LoadResult[]; ttft: LoadResult[] }>(targets.map((t) => [t.name, { c1: [], c32: [], ttft: [] }]));
    for (let r = 0; r < rounds; r++) {
      for (const t of targets) runs.get(t.name)!.c1.push(await load(t.url, 1, per, { key: t.key }));
      for (const t of targets) runs.get(t.name)!.c32.push(await load(t.url, 32, per, { key: t.key }));
      for (const t of targets) if (t.name !== 'ref') runs.get(t.name)!.ttft.push(await load(t.url, 1, Math.max(100, Math.floor(1000 / rounds)), { key: t.key, stream: true }));
    }
    const direct = runs.get('direct')!;
    const errors = [...runs.values()].flatMap((x) => [...x.c1, ...x.c32, ...x.ttft]).reduce((s, x) => s + x.errors, 0);
    const added = (name: string, pick: (x: LoadResult) => number, phase: 'c1' | 'ttft' = 'c1') => runs.get(name)![phase].map((x, i) => pick(x) - pick(direct[phase][i]));
    const parts = [`crosscheck-gateway audit=on receipts=durable,signed monitor=on N=${n} rounds=${rounds} errors=${errors}`];
    parts.push(`c=1 added p50 ms (median [min..max] over rounds): ref(node:http+undici)=+${spread(added('ref', (x) => x.p50))}`);
    for (const t of targets.slice(2)) {
      const extra = added(t.name, (x) => x.p50).map((v, i) => v - added('ref', (x) => x.p50)[i]);
      parts.push(`${t.name}=+${spread(added(t.name, (x) => x.p50))} (over ref +${spread(extra)}; p99 +${spread(added(t.name, (x) => x.p99))})`);
    }
    parts.push(`c=32 rps: direct=${spread(direct.c32.map((x) => x.rps), 0)} ${targets.slice(1).map((t) => `${t.name}=${spread(runs.get(t.name)!.c32.map((x) => x.rps), 0)}`).join(' ')}`);
    parts.push(`stream TTFT added p50 ms: ${targets.slice(2).map((t) => `${t.name}=+${spread(added(t.name, (x) => x.ttftP50, 'ttft'))}`).join(' ')} (direct ${f(median(direct.ttft.map((x) => x.ttftP50)))})`);
    process.stdout.write(`${parts.join(' | ')}\n`);
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.on('exit', r)) : undefined)));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
  if (process.argv.includes('--with-portkey')) {
    const r = spawnSync('bash', [join(root, '..', 'shared', 'bench', 'peers', 'portkey', 'bench.sh')], { encoding: 'utf8', env: { ...process.env, N: String(n) } });
    process.stdout.write(r.stdout || `portkey: failed (${r.status}) ${r.stderr.split('\n')[0]}\n`);
  }
}

void main();
