import { UsageError } from '../core/errors.js';
import { buildReport } from '../report/build-report.js';
import { REPORT_FORMATS, reportRenderer } from '../report/renderers/index.js';
import { DEFAULT_VIEWER_URL } from '../viewer/defaults.js';
import { parse } from './args.js';
import { openStore } from './store-flag.js';

const options = { store: { type: 'string' }, format: { type: 'string' }, 'viewer-url': { type: 'string' } } as const;

export const REPORT_USAGE = `crosscheck report RUN [--format ${REPORT_FORMATS.join('|')}] [--store PATH] [--viewer-url URL]
A stored run's results: every declared metric with its 95% interval and the conditions it was measured under.
--format html writes one self-contained page (charts, judges, conditions; every number links to its
transcripts, embedded when they fit, else opened in \`crosscheck view\` at --viewer-url, default ${DEFAULT_VIEWER_URL}).`;

export async function reportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, options, 'report');
  if (positionals.length !== 1) throw new UsageError(`report takes one run id: crosscheck report RUN [--format ${REPORT_FORMATS.join('|')}]`);
  const render = reportRenderer(values.format ?? 'md');
  const viewerUrl = values['viewer-url'] ?? DEFAULT_VIEWER_URL;
  if (!/^https?:\/\/[^\s/]+/.test(viewerUrl)) throw new UsageError(`--viewer-url must be an http(s) URL, got "${viewerUrl}"`);
  const store = openStore(values.store);
  try {
    process.stdout.write(await render(buildReport(store, positionals[0]), { store, viewerUrl }));
    return 0;
  } finally {
    store.close();
  }
}
