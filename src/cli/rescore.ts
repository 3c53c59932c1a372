import { UsageError } from '../core/errors.js';
import { rescoreRun } from '../runner/run.js';
import { parse, intFlag } from './args.js';
import { checkRef } from './eval.js';
import { JUDGE_OPTIONS, judgingFromFlags } from './judge-flags.js';
import { runAndReport } from './run-and-report.js';
import { openStore } from './store-flag.js';

const options = {
  ...JUDGE_OPTIONS, concurrency: { type: 'string' }, store: { type: 'string' }, quiet: { type: 'boolean' },
  'from-bundle': { type: 'string' }, key: { type: 'string' }, suite: { type: 'string' },
} as const;

export const RESCORE_USAGE = `crosscheck rescore RUN --judge MODEL [--judge MODEL ...] [--panel majority|unanimous|mean]
  [--exclude-same-lab] [--lab MODEL=LAB ...] [--concurrency N] [--no-judge-cache] [--store PATH] [--quiet]
Grades RUN's stored answers again with these judges, into a new run; no target model is called.
crosscheck rescore --from-bundle FILE --judge MODEL ... [--key LAB_KEY] [--suite DIR] [same options]
Grades a signed bundle's published transcripts (it is verified first) and compares with its grading.`;

export async function rescoreCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, options, 'rescore');
  // Loaded only when asked: the bundle reader (tar, the audit log's code) is no cost to a plain rescore.
  if (values['from-bundle']) return (await import('./rescore-from-bundle.js')).rescoreFromBundle(values, positionals);
  if (values.key || values.suite) throw new UsageError(`--${values.key ? 'key' : 'suite'} goes with --from-bundle FILE`);
  if (positionals.length !== 1) throw new UsageError('rescore takes one run id: crosscheck rescore RUN --judge MODEL');
  if (!values.judge?.length) throw new UsageError('rescore needs at least one --judge MODEL');
  values.judge.forEach(checkRef);
  const judging = judgingFromFlags(values, { concurrency: intFlag(values.concurrency, 'concurrency') ?? 8 });
  const store = openStore(values.store);
  try {
    return await runAndReport(store, (hooks) => rescoreRun(store, positionals[0], judging, hooks), { quiet: values.quiet });
  } finally {
    store.close();
  }
}
