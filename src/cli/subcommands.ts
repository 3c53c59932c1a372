import { UsageError } from '../core/errors.js';

type Loaded = { run: (argv: string[]) => Promise<number>; usage: string };

/**
 * A command with subcommands (`grant create`, `audit verify`). Each subcommand is loaded only
 * when used, so `crosscheck eval` never pays for the gateway's modules.
 */
export function subcommands(name: string, table: Record<string, () => Promise<Loaded>>): (argv: string[]) => Promise<number> {
  return async ([sub, ...rest]) => {
    const load = sub ? table[sub] : undefined;
    if (!load) {
      throw new UsageError(`${name} needs a subcommand: ${Object.keys(table).map((s) => `${name} ${s}`).join(', ')}`);
    }
    const { run, usage } = await load();
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    return run(rest);
  };
}
