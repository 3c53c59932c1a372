import { allSuites } from '../suites/index.js';
import { textTable } from '../report/text-table.js';
import { parse } from './args.js';

export const SUITES_USAGE = `crosscheck suites [--json]
The suites this Crosscheck ships: name, items, version, what each measures. A folder with a
suite.yaml is a suite too: crosscheck eval ./my-suite (see the README, "Suites without code").`;

const options = { json: { type: 'boolean' } } as const;

export async function suitesCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, options, 'suites');
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
  if (values.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(textTable(['suite', 'items', 'version', 'outcomes', 'what it measures'], rows.map((r) => [r.name, String(r.items), r.version, r.measures, r.description])));
  return 0;
}
