import { UsageError } from '../core/errors.js';

type Loaded = { run: (argv: string[]) => Promise<number>; usage: string };

/** One subcommand: what it does in a line, and its module, loaded only when used. */
export interface Subcommand {
  summary: string;
  load: () => Promise<Loaded>;
}

/**
 * A command with subcommands (`grant create`, `audit verify`). Each subcommand is loaded only
 * when used, so `crosscheck eval` never pays for the gateway's modules. `NAME --help` lists the
 * subcommands; `NAME SUB --help` prints the subcommand's own help.
 */
export function subcommands(name: string, table: Record<string, Subcommand>): { run: (argv: string[]) => Promise<number>; usage: string } {
  const width = Math.max(...Object.keys(table).map((s) => s.length));
  const usage = `crosscheck ${name} <subcommand> [options]\n\n` +
    Object.entries(table).map(([sub, s]) => `  ${name} ${sub.padEnd(width)}  ${s.summary}`).join('\n') +
    `\n\ncrosscheck ${name} <subcommand> --help describes its options.`;
  const run = async ([sub, ...rest]: string[]): Promise<number> => {
    if (sub === '--help' || sub === '-h' || sub === 'help') {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    const entry = sub ? table[sub] : undefined;
    if (!entry) {
      throw new UsageError(`${name} ${sub === undefined ? 'needs a subcommand' : `has no subcommand "${sub}"`}: ${Object.keys(table).map((s) => `${name} ${s}`).join(', ')} (crosscheck ${name} --help)`);
    }
    const loaded = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(`${loaded.usage}\n`);
      return 0;
    }
    return loaded.run(rest);
  };
  return { run, usage };
}
