import { UsageError } from '../core/errors.js';

/** node:util parseArgs, with its errors turned into one plain line (src/core/parse-flags.ts). */
export { parseFlags as parse } from '../core/parse-flags.js';

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

/**
 * `--format F` for commands that print results, with `--json` as an alias of `--format json`
 * where a command had it; the default is the command's first format.
 */
export function formatFlag<F extends string>(values: { format?: string; json?: boolean }, formats: readonly F[]): F {
  if (values.json && values.format !== undefined && values.format !== 'json') throw new UsageError(`--json and --format ${values.format} contradict each other`);
  if (values.json) {
    if (!(formats as readonly string[]).includes('json')) throw new UsageError(`--json: this command prints ${formats.join(' or ')}`);
    return 'json' as F;
  }
  return choiceFlag(values.format, 'format', formats) ?? formats[0];
}
