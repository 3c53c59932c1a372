import { UsageError } from '../core/errors.js';
import { textTable } from '../report/text-table.js';
import type { RunRecord } from '../store/records.js';
import { parse, intFlag, formatFlag } from './args.js';
import { openStore } from './store-flag.js';

const options = { store: { type: 'string' }, limit: { type: 'string' }, format: { type: 'string' }, json: { type: 'boolean' } } as const;

export const RUNS_USAGE = `crosscheck runs [--store PATH] [--limit N] [--format text|json]

Lists the store's runs, newest first: id, when it started, suite, status, samples done and
failed, models. A run is "running" only while a live process works on it; a run whose process
was killed, or that stopped early (Ctrl-C, an error no retry fixes, the circuit breaker), is
"stopped" and says why: crosscheck eval --resume RUN finishes it.
  --store PATH       the store to read (default .crosscheck/crosscheck.db); it must exist
  --limit N          at most N runs (default 50)
  --format text|json a table (default), or JSON (--json)`;

export async function runsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, options, 'runs');
  if (positionals.length) throw new UsageError(`runs takes no arguments, got "${positionals[0]}"`);
  const format = formatFlag(values, ['text', 'json'] as const);
  const limit = intFlag(values.limit, 'limit') ?? 50;
  const store = openStore(values.store, { mustExist: true });
  try {
    const runs = store.listRuns(limit).map((run) => ({ run, ...counts(store.sampleCounts(run.id)) }));
    if (format === 'json') {
      process.stdout.write(`${JSON.stringify(runs.map(({ run, done, errors }) => ({ ...summary(run), done, errors })), null, 2)}\n`);
      return 0;
    }
    if (runs.length === 0) {
      process.stdout.write(`no runs in ${store.path}\n`);
      return 0;
    }
    const rows = runs.map(({ run, done, errors }) => {
      const s = summary(run);
      return [s.id, s.createdAt.slice(0, 19).replace('T', ' '), s.suite, s.status, `${done}`, `${errors}`, s.models.join(', ')];
    });
    process.stdout.write(textTable(['run', 'created (UTC)', 'suite', 'status', 'done', 'errors', 'models'], rows));
    const stopped = runs.filter(({ run }) => run.status === 'stopped' && run.stopReason);
    for (const { run } of stopped) process.stdout.write(`${run.id} stopped: ${run.stopReason}\n`);
    return 0;
  } finally {
    store.close();
  }
}

function counts(rows: { status: string; n: number }[]): { done: number; errors: number } {
  const sum = (status: string) => rows.filter((c) => c.status === status).reduce((n, c) => n + c.n, 0);
  return { done: sum('done'), errors: sum('error') };
}

function summary(run: RunRecord) {
  const config = run.config as { targets?: { label: string }[] };
  return {
    id: run.id, createdAt: run.createdAt, finishedAt: run.finishedAt, suite: run.suite, status: run.status, stopReason: run.stopReason,
    models: (config.targets ?? []).map((t) => t.label), expectedSamples: run.expectedSamples,
  };
}
