import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from '../../core/errors.js';

/** Flags of an `audit` command: strict, no positionals; a bad flag is a UsageError followed by the usage. */
export function auditFlags<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals: false, options }).values;
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${usage}`);
  }
}
