import { UsageError } from '../core/errors.js';
import { readBundle } from '../bundle/read.js';
import { importForRegrade, regradeComparison } from '../bundle/regrade.js';
import { verifyBundle } from '../bundle/verify.js';
import { rescoreRun } from '../runner/run.js';
import { intFlag } from './args.js';
import { verifierKeyArg } from './bundle-flags.js';
import { runChecks } from './eval.js';
import { judgingFromFlags, type JudgeFlagValues } from './judge-flags.js';
import { runAndReport } from './run-and-report.js';
import { openStore } from './store-flag.js';

interface Values extends JudgeFlagValues {
  'from-bundle'?: string;
  key?: string;
  suite?: string;
  concurrency?: string;
  store?: string;
  quiet?: boolean;
  'min-scored'?: string;
  format?: string;
  json?: boolean;
}

/**
 * `rescore --from-bundle FILE`: verify the bundle (offline), load its published transcripts into
 * the store, grade them again with these judges, and compare with the bundle's own grading.
 */
export async function rescoreFromBundle(values: Values, positionals: string[]): Promise<number> {
  if (positionals.length) throw new UsageError('rescore --from-bundle FILE takes no run id: the run comes from the bundle');
  if (!values.judge?.length) throw new UsageError('rescore needs at least one --judge MODEL');
  const judging = { ...judgingFromFlags(values, { concurrency: intFlag(values.concurrency, 'concurrency') ?? 8 }), ...runChecks(values) };
  const file = values['from-bundle']!;
  const bundle = await readBundle(file);
  const verified = await verifyBundle(bundle, values.key ? { key: verifierKeyArg(values.key, 'key') } : {});
  if (!verified.ok) {
    for (const p of verified.problems) process.stderr.write(`error: ${p.where}: ${p.message}\n`);
    process.stderr.write(`error: ${file} does not verify: not grading it\n`);
    return 2;
  }
  const store = openStore(values.store);
  try {
    const imported = await importForRegrade(bundle, store, verified.root!, values.suite);
    process.stderr.write(`bundle ${file} (signed by ${verified.signer}${verified.signerFromBundle ? ', the key it names' : ''}): run ${imported.runId}, `
      + `${imported.samples} published samples${imported.reused ? ' (already in the store)' : ''}, ${imported.withheld} withheld transcripts not graded\n`);
    let regradedId: string | undefined;
    const code = await runAndReport(store, async (hooks) => {
      const outcome = await rescoreRun(store, imported.runId, judging, hooks);
      regradedId = outcome.runId;
      return outcome;
    }, { quiet: values.quiet, format: values.format, json: values.json });
    // With --format json stdout holds one JSON document; the comparison goes beside it on stderr.
    const out = values.format === 'json' || values.json ? process.stderr : process.stdout;
    if (regradedId) out.write(regradeComparison(store, imported.runId, regradedId));
    return code;
  } finally {
    store.close();
  }
}
