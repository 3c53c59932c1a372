import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What parseArgs returns for these options (named, so declaration files can spell it). */
export type ParsedFlags<T extends ParseArgsConfig['options']> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;

/**
 * node:util parseArgs for every command, with its errors turned into one plain line each
 * (`eval: unknown option --modle (did you mean --model?); see crosscheck eval --help`), and
 * negative numbers accepted as values (`--limit -1` reaches the flag's own check, which says
 * what the flag takes, instead of the parser calling the argument ambiguous).
 */
export function parseFlags<T extends ParseArgsConfig['options']>(argv: string[], options: T, command: string): ParsedFlags<T> {
  const args = formatAsJson(joinNegativeValues(argv, options ?? {}), options ?? {}, command);
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${command}: ${plainMessage(err as Error & { code?: string }, options ?? {})}; see crosscheck ${command} --help`);
  }
}

/** `--limit -1` → `--limit=-1` for flags that take a value. */
function joinNegativeValues(argv: string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = /^--([^=]+)$/.exec(argv[i])?.[1];
    const next = argv[i + 1];
    if (name && options[name]?.type === 'string' && next !== undefined && /^-(\d|\.\d|Infinity)/.test(next)) {
      out.push(`--${name}=${next}`);
      i++;
    } else {
      out.push(argv[i]);
    }
  }
  return out;
}

/**
 * One output flag across commands: where a command prints text or JSON with a `--json` switch,
 * `--format json` is that switch and `--format text` its default.
 */
function formatAsJson(argv: string[], options: Options, command: string): string[] {
  if (options.json?.type !== 'boolean' || options.format) return argv;
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const inline = /^--format=(.*)$/.exec(argv[i]);
    if (!inline && argv[i] !== '--format') {
      out.push(argv[i]);
      continue;
    }
    const value = inline ? inline[1] : argv[++i];
    if (value === 'json') out.push('--json');
    else if (value !== 'text') throw new UsageError(`${command}: --format must be text or json, got "${value ?? ''}"`);
  }
  return out;
}

function plainMessage(err: Error & { code?: string }, options: Options): string {
  const flag = /'(-[^' ]+)/.exec(err.message)?.[1];
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) {
    const near = nearest(flag.replace(/^-+/, ''), Object.keys(options));
    return `unknown option ${flag}${near ? ` (did you mean --${near}?)` : ''}`;
  }
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag) {
    if (/does not take an argument/.test(err.message)) return `${flag} takes no value`;
    return `${flag} needs a value`;
  }
  return err.message.split('\n')[0];
}

/** The known flag closest to a mistyped one (edit distance at most 2, or a unique prefix). */
function nearest(typed: string, known: string[]): string | undefined {
  const prefixed = known.filter((k) => k.startsWith(typed));
  if (prefixed.length === 1) return prefixed[0];
  let best: { name: string; d: number } | undefined;
  for (const name of known) {
    const d = distance(typed, name);
    if (d <= 2 && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
