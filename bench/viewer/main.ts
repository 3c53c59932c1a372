/**
 * npm run bench:viewer -- [SAMPLES] [MODELS]
 *
 * Writes a run of SAMPLES samples × MODELS models straight into a fresh SQLite store, serves it
 * with the real viewer on loopback, and times what a reader does over HTTP: open the run, the
 * first page, pages deep in the run (keyset: page 1,000 costs what page 1 does), filtered pages,
 * counts (first and cached), one sample side by side, and the HTML report of the whole run
 * (too big to embed: its numbers link to the viewer). Prints one line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { syntheticSampleId, writeSyntheticRun } from '../../src/store/testing/synthetic-run.js';
import { startViewer } from '../../src/viewer/server.js';

async function main(): Promise<void> {
  const samples = Number(process.argv[2] ?? 100_000);
  const modelCount = Number(process.argv[3] ?? 2);
  if (!Number.isInteger(samples) || samples < 100 || !Number.isInteger(modelCount) || modelCount < 1) {
    process.stderr.write('usage: npm run bench:viewer -- [SAMPLES >= 100] [MODELS]\n');
    process.exit(2);
  }
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-bench-viewer-'));
  const store = new SqliteStore(join(dir, 'bench.db'));
  const models = Array.from({ length: modelCount }, (_, i) => `scripted:model-${String.fromCharCode(97 + i)}`);
  let t = performance.now();
  await writeSyntheticRun(store, { runId: 'bench', samples, models, primary: 'model-grader' });
  const writeS = (performance.now() - t) / 1000;
  const viewer = await startViewer(store, 0);
  const get = async (path: string) => {
    const started = performance.now();
    const res = await fetch(`${viewer.url}${path}`);
    const body = await res.text();
    if (!res.ok) throw new Error(`${path}: ${res.status} ${body}`);
    return { ms: performance.now() - started, body };
  };
  try {
    const open = await get('/api/runs/bench');
    const first = await get('/api/runs/bench/samples');
    const deep: number[] = [];
    for (let i = 0; i < 30; i++) {
      const at = syntheticSampleId(Math.floor(((i + 0.5) / 30) * samples));
      deep.push((await get(`/api/runs/bench/samples?after=${at}&afterEpoch=1`)).ms);
    }
    const filters = ['outcome=incorrect', `model=${encodeURIComponent(models.at(-1)!)}&outcome=incorrect&g.kind=answerable`, 'disagree=1', 'outcome=error'];
    const filtered: number[] = [];
    for (let i = 0; i < 30; i++) {
      const at = syntheticSampleId(Math.floor(((i + 0.5) / 30) * samples));
      filtered.push((await get(`/api/runs/bench/samples?${filters[i % filters.length]}&after=${at}&afterEpoch=1`)).ms);
    }
    const countCold = await get(`/api/runs/bench/count?${filters[1]}`);
    const countWarm = await get(`/api/runs/bench/count?${filters[1]}`);
    const sample = await get(`/api/runs/bench/samples/${syntheticSampleId(Math.floor(samples / 2))}/1`);
    t = performance.now();
    const report = await get('/runs/bench/report.html');
    const reportS = (performance.now() - t) / 1000;
    const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
    process.stdout.write([
      `viewer samples=${samples} models=${modelCount} rows=${samples * modelCount} write_s=${writeS.toFixed(1)}`,
      `open_run_ms=${open.ms.toFixed(0)} first_page_ms=${first.ms.toFixed(1)}`,
      `deep_page_p50_ms=${q(deep, 0.5).toFixed(1)} deep_page_p95_ms=${q(deep, 0.95).toFixed(1)}`,
      `filtered_page_p50_ms=${q(filtered, 0.5).toFixed(1)} filtered_page_p95_ms=${q(filtered, 0.95).toFixed(1)}`,
      `count_first_ms=${countCold.ms.toFixed(0)} count_cached_ms=${countWarm.ms.toFixed(1)} sample_side_by_side_ms=${sample.ms.toFixed(1)}`,
      `report_html_s=${reportS.toFixed(1)} report_html_kb=${(report.body.length / 1024).toFixed(0)} page_kb=${(first.body.length / 1024).toFixed(0)}`,
    ].join(' ') + '\n');
  } finally {
    await viewer.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
