import { UsageError } from '../core/errors.js';
import { buildReport } from '../report/build-report.js';
import { REPORT_FORMATS, reportRenderer } from '../report/renderers/index.js';
import { DEFAULT_VIEWER_URL } from '../viewer/defaults.js';
import { formatFlag, parse } from './args.js';
import { openStore } from './store-flag.js';

const options = { store: { type: 'string' }, format: { type: 'string' }, json: { type: 'boolean' }, 'viewer-url': { type: 'string' } } as const;

export const REPORT_USAGE = `crosscheck report RUN [--format ${REPORT_FORMATS.join('|')}] [--store PATH] [--viewer-url URL]

A stored run's results: every declared metric with its 95% interval, failed samples counted by
reason, and the conditions the numbers were measured under. A run that is not finished says how
many samples are missing in its first line (its numbers cover finished samples only).
  --format ${REPORT_FORMATS.join('|')}${' '.repeat(Math.max(1, 18 - REPORT_FORMATS.join('|').length))}Markdown (default), JSON (--json: every number with its method), or html: one
                     self-contained page (charts, judges, conditions; every number links to its transcripts,
                     embedded when they fit, else opened in \`crosscheck view\` at --viewer-url)
  --store PATH       the store RUN is in (default .crosscheck/crosscheck.db); it must exist
  --viewer-url URL   where \`crosscheck view\` serves, for html links (default ${DEFAULT_VIEWER_URL})`;

export async function reportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, options, 'report');
  if (positionals.length !== 1) throw new UsageError(`report takes one run id: crosscheck report RUN [--format ${REPORT_FORMATS.join('|')}]`);
  const render = reportRenderer(formatFlag(values, REPORT_FORMATS));
  const viewerUrl = values['viewer-url'] ?? DEFAULT_VIEWER_URL;
  if (!/^https?:\/\/[^\s/]+/.test(viewerUrl)) throw new UsageError(`--viewer-url must be an http(s) URL, got "${viewerUrl}"`);
  const store = openStore(values.store, { mustExist: true });
  try {
    process.stdout.write(await render(buildReport(store, positionals[0]), { store, viewerUrl }));
    return 0;
  } finally {
    store.close();
  }
}
