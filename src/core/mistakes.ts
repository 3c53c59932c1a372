import { UsageError } from './errors.js';

/** One thing wrong in a suite or exercise file: where (file, line, field) and what. */
export interface Mistake {
  file: string;
  line?: number;
  field?: string;
  message: string;
}

/**
 * Every mistake found in a file, reported together so a user fixes them in one go. Each is one
 * line of its own: `FILE:LINE: FIELD: message`; the CLI prints each as an `error:` line, exit 2.
 */
export class FileMistakes extends UsageError {
  constructor(readonly mistakes: Mistake[]) {
    super(mistakes.map(formatMistake).join('\n'));
  }
}

export function formatMistake(m: Mistake): string {
  return `${m.file}${m.line !== undefined ? `:${m.line}` : ''}: ${m.field ? `${m.field}: ` : ''}${m.message}`;
}

/** `scorers[0].type` from a path like ['scorers', 0, 'type']. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, p) => (typeof p === 'number' ? `${out}[${p}]` : out ? `${out}.${String(p)}` : String(p)), '');
}
