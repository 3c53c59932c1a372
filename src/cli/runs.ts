import { textTable } from '../report/text-table.js';
import { parse, intFlag } from './args.js';
import { openStore } from './store-flag.js';

const options = { store: { type: 'string' }, limit: { type: 'string' } } as const;

export async function runsCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, options, 'runs');
  const store = openStore(values.store);
  try {
    const runs = store.listRuns(intFlag(values.limit, 'limit') ?? 50);
    if (runs.length === 0) {
      process.stdout.write(`no runs in ${store.path}\n`);
      return 0;
    }
    const rows = runs.map((run) => {
      const counts = store.sampleCounts(run.id);
      const done = counts.filter((c) => c.status === 'done').reduce((n, c) => n + c.n, 0);
      const errors = counts.filter((c) => c.status === 'error').reduce((n, c) => n + c.n, 0);
      const config = run.config as { targets?: { label: string }[] };
      return [run.id, run.createdAt.slice(0, 19).replace('T', ' '), run.suite, run.status, `${done}`, `${errors}`,
        (config.targets ?? []).map((t) => t.label).join(', ')];
    });
    process.stdout.write(textTable(['run', 'created (UTC)', 'suite', 'status', 'done', 'errors', 'models'], rows));
    return 0;
  } finally {
    store.close();
  }
}
