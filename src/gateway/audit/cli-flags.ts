import type { ParseArgsConfig } from 'node:util';
import { UsageError } from '../../core/errors.js';
import { parseFlags, type ParsedFlags } from '../../core/parse-flags.js';

/**
 * Flags of an `audit` command: strict, no positionals. A bad flag is one plain line (as for every
 * command: parse-flags.ts), `--format json` is `--json`; a stray argument is followed by the usage.
 */
export function auditFlags<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O, usage: string, command: string): ParsedFlags<O>['values'] {
  const { values, positionals } = parseFlags(argv, options, command);
  if (positionals.length) throw new UsageError(`${command}: unexpected argument "${positionals[0]}"\n${usage}`);
  return values;
}
