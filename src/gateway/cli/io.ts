import { UsageError } from '../../core/errors.js';

/** Where a command reads its environment and writes its output (tests pass their own). */
export interface CommandIo {
  env: NodeJS.ProcessEnv;
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CommandIo = {
  env: process.env,
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
};

/** node:util parseArgs with one-line usage errors (shared by every command). */
export { parseFlags } from '../../core/parse-flags.js';

/** A whole number flag; accepts exponent notation (`5e8`). */
export function countFlag(value: string | undefined, name: string, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number of at least ${min}, got "${value}"`);
  return n;
}

/** `--suites a,b --suites c` → [a, b, c]. */
export function listFlag(value: string | string[] | undefined): string[] | undefined {
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const out = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return out.length ? out : undefined;
}

/** A plain text table: a header row and aligned columns, two spaces apart. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

/** A monitor value for a table: whole numbers as they are, others to 3 significant places. */
export function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3);
}
