import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { loadItems } from '../../src/suites/hallucination/items.js';

/**
 * npm run bench:harness -- N CONCURRENCY
 *
 * Runs N samples of the hallucination suite through the real CLI (`crosscheck eval`, SQLite
 * store, scheduler, scorers) against a zero-latency loopback OpenAI-compatible server, and
 * prints one line: samples/s, CPU ms per sample (the CLI process only), peak RSS.
 * N beyond the suite's size is reached with epochs (every epoch is a fresh call: no cache).
 */
const here = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 2000);
  const concurrency = Number(process.argv[3] ?? 16);
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(concurrency) || concurrency < 1) {
    process.stderr.write('usage: npm run bench:harness -- N CONCURRENCY\n');
    process.exit(2);
  }
  const suiteSize = loadItems().items.length;
  const epochs = Math.ceil(n / suiteSize);
  const limit = Math.ceil(n / epochs);
  const server = spawn(process.execPath, [join(here, 'zero-latency-server.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => {
    createInterface({ input: server.stdout! }).on('line', (l) => l.startsWith('PORT=') && resolve(l.slice(5)));
  });
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-bench-'));
  const usageFile = join(dir, 'usage.json');
  const cli = join(here, '..', '..', 'src', 'cli', 'main.js');
  const args = [
    '--import', join(here, 'record-usage.js'), cli, 'eval', 'hallucination',
    '--model', `openai:bench-model@http://127.0.0.1:${port}/v1`,
    '--limit', String(limit), '--epochs', String(epochs), '--concurrency', String(concurrency),
    '--store', join(dir, 'bench.db'), '--quiet',
  ];
  const started = performance.now();
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, CROSSCHECK_BENCH_USAGE: usageFile, OPENAI_API_KEY: 'bench-not-a-secret' },
    });
    child.on('exit', (c) => resolve(c ?? 1));
  });
  const wallS = (performance.now() - started) / 1000;
  const served = (await (await fetch(`http://127.0.0.1:${port}/stats`)).json()) as { requests: number };
  server.kill();
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { cpuMs: number; maxRssKb: number };
  rmSync(dir, { recursive: true, force: true });
  const samples = limit * epochs;
  process.stdout.write(
    [
      `crosscheck-harness N=${samples}`, `conc=${concurrency}`, `wall_s=${wallS.toFixed(2)}`,
      `samples_per_s=${(samples / wallS).toFixed(1)}`, `cpu_ms_per_sample=${(usage.cpuMs / samples).toFixed(3)}`,
      `peak_rss_mb=${(usage.maxRssKb / 1024).toFixed(0)}`, `requests=${served.requests}`, `exit=${code}`,
    ].join(' ') + '\n',
  );
  process.exitCode = code;
}

void main();
