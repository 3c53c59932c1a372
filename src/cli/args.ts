import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../core/errors.js';

/** node:util parseArgs, with its errors turned into one-line usage errors. */
export function parse<T extends ParseArgsConfig['options']>(argv: string[], options: T, command: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${command}: ${(err as Error).message.split('\n')[0]}`);
  }
}

export function intFlag(value: string | undefined, name: string, opts: { min?: number } = {}): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const min = opts.min ?? 1;
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number of at least ${min}, got "${value}"`);
  return n;
}

export function numberFlag(value: string | undefined, name: string, opts: { min?: number; max?: number } = {}): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const { min = -Infinity, max = Infinity } = opts;
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a number between ${min} and ${max}, got "${value}"`);
  }
  return n;
}

export function choiceFlag<C extends string>(value: string | undefined, name: string, choices: readonly C[]): C | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got "${value}"`);
  }
  return value as C;
}

/** `--category a --category b,c` → [a, b, c]. */
export function listFlag(values: string[] | undefined): string[] | undefined {
  const out = (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return out.length ? out : undefined;
}
