import { allSuites } from '../suites/index.js';
import { textTable } from '../report/text-table.js';
import { formatFlag, parse } from './args.js';
import { UsageError } from '../core/errors.js';

export const SUITES_USAGE = `crosscheck suites [--format text|json]
The suites this Crosscheck ships: name, items, version, outcomes, what each measures. A folder
with a suite.yaml is a suite too: crosscheck eval ./my-suite (see the README, "Suites without code").
  --format text|json a table (default), or JSON (--json)`;

const options = { json: { type: 'boolean' }, format: { type: 'string' } } as const;

export async function suitesCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, options, 'suites');
  if (positionals.length) throw new UsageError(`suites takes no arguments, got "${positionals[0]}"`);
  const format = formatFlag(values, ['text', 'json'] as const);
  const rows = allSuites().map((plugin) => {
    const suite = plugin.load({ judged: false });
    return {
      name: plugin.name,
      items: suite.samples.length,
      version: suite.version,
      measures: plugin.measures.outcomes.map((o) => o.label).join(' / '),
      description: plugin.description,
    };
  });
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(textTable(['suite', 'items', 'version', 'outcomes', 'what it measures'], rows.map((r) => [r.name, String(r.items), r.version, r.measures, r.description])));
  return 0;
}
