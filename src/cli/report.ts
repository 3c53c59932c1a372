import { UsageError } from '../core/errors.js';
import { buildReport } from '../report/build-report.js';
import { REPORT_FORMATS, reportRenderer } from '../report/renderers/index.js';
import { formatFlag, parse } from './args.js';
import { openStore } from './store-flag.js';

const options = { store: { type: 'string' }, format: { type: 'string' }, json: { type: 'boolean' } } as const;

export const REPORT_USAGE = `crosscheck report RUN [--format ${REPORT_FORMATS.join('|')}] [--store PATH]

A stored run's results: every declared metric with its 95% interval, failed samples counted by
reason, and the conditions the numbers were measured under. A run that is not finished says how
many samples are missing in its first line (its numbers cover finished samples only).
  --format ${REPORT_FORMATS.join('|')}${' '.repeat(Math.max(1, 18 - REPORT_FORMATS.join('|').length))}Markdown (default) or JSON (--json): the JSON holds every number with its method
  --store PATH       the store RUN is in (default .crosscheck/crosscheck.db); it must exist`;

export async function reportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, options, 'report');
  if (positionals.length !== 1) throw new UsageError(`report takes one run id: crosscheck report RUN [--format ${REPORT_FORMATS.join('|')}]`);
  const render = reportRenderer(formatFlag(values, REPORT_FORMATS));
  const store = openStore(values.store, { mustExist: true });
  try {
    process.stdout.write(render(buildReport(store, positionals[0])));
    return 0;
  } finally {
    store.close();
  }
}
