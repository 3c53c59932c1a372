import { UsageError } from '../core/errors.js';
import { buildReport } from '../report/build-report.js';
import { REPORT_FORMATS, reportRenderer } from '../report/renderers/index.js';
import { parse } from './args.js';
import { openStore } from './store-flag.js';

const options = { store: { type: 'string' }, format: { type: 'string' } } as const;

export const REPORT_USAGE = `crosscheck report RUN [--format ${REPORT_FORMATS.join('|')}] [--store PATH]
A stored run's results: every declared metric with its 95% interval and the conditions it was measured under.`;

export async function reportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, options, 'report');
  if (positionals.length !== 1) throw new UsageError(`report takes one run id: crosscheck report RUN [--format ${REPORT_FORMATS.join('|')}]`);
  const render = reportRenderer(values.format ?? 'md');
  const store = openStore(values.store);
  try {
    process.stdout.write(render(buildReport(store, positionals[0])));
    return 0;
  } finally {
    store.close();
  }
}
