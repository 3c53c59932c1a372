import { UsageError } from '../core/errors.js';
import { DEFAULT_MIN_SCORED_SHARE } from '../runner/grading-check.js';
import { rescoreRun } from '../runner/run.js';
import { parse, intFlag } from './args.js';
import { runChecks } from './eval.js';
import { JUDGE_HELP, JUDGE_OPTIONS, judgingFromFlags } from './judge-flags.js';
import { runAndReport, SUMMARY_FORMATS } from './run-and-report.js';
import { openStore } from './store-flag.js';

const options = {
  ...JUDGE_OPTIONS,
  concurrency: { type: 'string' },
  'min-scored': { type: 'string' },
  store: { type: 'string' },
  quiet: { type: 'boolean' },
  format: { type: 'string' },
  json: { type: 'boolean' },
  'from-bundle': { type: 'string' },
  key: { type: 'string' },
  suite: { type: 'string' },
} as const;

export const RESCORE_USAGE = `crosscheck rescore RUN --judge [LABEL=]REF [--judge ...] [options]

Grades RUN's stored answers again with these judges, into a new run; no target model is called.
The suite must be at the version RUN was made with. Stop it and finish it later as any run:
crosscheck eval --resume NEW_RUN.

${JUDGE_HELP}
  --lab MODEL=LAB                the lab of a model (by ref or label), for --exclude-same-lab
  --concurrency N                judge calls in flight at once per judge (default 8)
  --min-scored SHARE             the share of each model's samples the panel must grade, else exit 2
                                 with the unscored reasons (default ${DEFAULT_MIN_SCORED_SHARE})
  --store PATH                   the store RUN is in (default .crosscheck/crosscheck.db)
  --format ${SUMMARY_FORMATS.join('|')}               the printed results: tables (default) or the report as JSON (--json)
  --quiet                        no progress lines

crosscheck rescore --from-bundle FILE --judge [LABEL=]REF ... [--key LAB_KEY] [--suite DIR] [same options]
Grades a signed bundle's published transcripts (it is verified first) and compares with its grading.`;

export async function rescoreCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, options, 'rescore');
  // Loaded only when asked: the bundle reader (tar, the audit log's code) is no cost to a plain rescore.
  if (values['from-bundle']) return (await import('./rescore-from-bundle.js')).rescoreFromBundle(values, positionals);
  if (values.key || values.suite) throw new UsageError(`--${values.key ? 'key' : 'suite'} goes with --from-bundle FILE`);
  if (positionals.length !== 1) throw new UsageError('rescore takes one run id: crosscheck rescore RUN --judge MODEL');
  if (!values.judge?.length) throw new UsageError('rescore needs at least one --judge MODEL');
  const judging = { ...judgingFromFlags(values, { concurrency: intFlag(values.concurrency, 'concurrency') ?? 8 }), ...runChecks(values) };
  const store = openStore(values.store, { mustExist: true });
  try {
    return await runAndReport(store, (hooks) => rescoreRun(store, positionals[0], judging, hooks), { quiet: values.quiet, format: values.format, json: values.json });
  } finally {
    store.close();
  }
}
