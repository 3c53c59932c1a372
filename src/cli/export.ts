import { mkdirSync, statSync } from 'node:fs';
import { UsageError } from '../core/errors.js';
import type { RunConfig } from '../core/run-record.js';
import type { Sample } from '../core/suite.js';
import { exportContext } from '../report/export/export-context.js';
import { EXPORT_FORMATS, exporter } from '../report/export/index.js';
import { loadRunSuite } from '../runner/run.js';
import { parse } from './args.js';
import { openStore } from './store-flag.js';
import { CROSSCHECK_VERSION } from '../core/version.js';

const options = { format: { type: 'string' }, out: { type: 'string' }, store: { type: 'string' } } as const;

export const EXPORT_USAGE = `crosscheck export RUN --format ${EXPORT_FORMATS.join('|')} --out DIR [--store PATH]
A stored run as files: inspect = one Inspect AI log (.json, EvalLog version 2) per (suite, model),
named {created}_{task}_{id}.json, for Inspect's viewer and Python tools; jsonl = one sample per
line with its whole transcript and every grade; csv = one row per sample for a spreadsheet.`;

export async function exportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, options, 'export');
  if (positionals.length !== 1) throw new UsageError(`export takes one run id: ${EXPORT_USAGE.split('\n')[0]}`);
  if (!values.format) throw new UsageError(`export needs --format ${EXPORT_FORMATS.join('|')}`);
  const write = exporter(values.format);
  if (!values.out) throw new UsageError('export needs --out DIR: the folder to write into');
  makeFolder(values.out);
  const store = openStore(values.store);
  try {
    const run = store.requireRun<RunConfig>(positionals[0]);
    const ctx = exportContext(store, run.id, values.out, suiteItems(run.config), CROSSCHECK_VERSION);
    for (const path of await write(ctx)) process.stdout.write(`${path}\n`);
    return 0;
  } finally {
    store.close();
  }
}

function makeFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
  } catch (err) {
    throw new UsageError(`cannot write into --out ${dir}: ${(err as Error).message}`);
  }
}

/** Inputs and accepted answers are the suite's, not stored per sample: read them when the suite still loads. */
function suiteItems(config: RunConfig): Map<string, Sample> | null {
  try {
    return new Map(loadRunSuite(config).samples.map((s) => [s.id, s]));
  } catch (err) {
    process.stderr.write(`note: the suite's items could not be read (${(err as Error).message.split('\n')[0]}): inputs come from the transcripts and targets are left empty\n`);
    return null;
  }
}
