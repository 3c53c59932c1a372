import { UsageError } from '../core/errors.js';
import { buildReport } from '../report/build-report.js';
import { renderMarkdown } from '../report/markdown.js';
import { parse, choiceFlag } from './args.js';
import { openStore } from './store-flag.js';

const options = { store: { type: 'string' }, format: { type: 'string' } } as const;

export async function reportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, options, 'report');
  if (positionals.length !== 1) throw new UsageError('report takes one run id: crosscheck report RUN [--format md|json]');
  const format = choiceFlag(values.format, 'format', ['md', 'json'] as const) ?? 'md';
  const store = openStore(values.store);
  try {
    const report = buildReport(store, positionals[0]);
    process.stdout.write(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderMarkdown(report));
    return 0;
  } finally {
    store.close();
  }
}
