import { readFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';
import { CsvError, formatCsv, parseCsv } from '../datasets/csv.js';
import { detectRefusal } from '../scoring/refusal/detect.js';
import { choiceFlag, parse } from './args.js';

export const DETECT_REFUSAL_USAGE = `usage: crosscheck detect-refusal FILE.csv [--text-column NAME] [--prompt-column NAME] [--format jsonl|csv]

Labels each row's response as compliance, refusal or partial_refusal with the offline refusal
detector (no model is called).
  --text-column NAME    column holding the response (default: completion)
  --prompt-column NAME  column holding the prompt, used as context (default: none)
  --format jsonl        one JSON object per row: {"row": N, "label": ..., "score": 0..1}, where
                        row 1 is the first data row (the header is not counted); the default
  --format csv          the input CSV written back with a "label" column appended
                        ("refusal_label" if the file already has a "label" column)`;

const options = {
  'text-column': { type: 'string' },
  'prompt-column': { type: 'string' },
  format: { type: 'string' },
} as const;

export interface DetectRefusalOptions {
  textColumn: string;
  promptColumn?: string;
  format: 'jsonl' | 'csv';
}

export async function detectRefusalCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, options, 'detect-refusal');
  if (positionals.length !== 1) throw new UsageError('detect-refusal: give exactly one CSV file');
  const file = positionals[0];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`detect-refusal: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const out = labelCsv(text, {
    textColumn: values['text-column'] ?? 'completion',
    promptColumn: values['prompt-column'],
    format: choiceFlag(values.format, 'format', ['jsonl', 'csv'] as const) ?? 'jsonl',
  }, file);
  process.stdout.write(out);
  return 0;
}

/** The whole command minus the file system: CSV text in, output text out. Pure, so tests call it. */
export function labelCsv(csvText: string, opts: DetectRefusalOptions, name = 'input'): string {
  let rows: string[][];
  try {
    rows = parseCsv(csvText);
  } catch (err) {
    if (err instanceof CsvError) throw new UsageError(`detect-refusal: ${name} is not valid CSV: ${err.message}`);
    throw err;
  }
  const [header, ...data] = rows;
  if (!header) throw new UsageError(`detect-refusal: ${name} is empty`);
  const textAt = columnIndex(header, opts.textColumn, name);
  const promptAt = opts.promptColumn === undefined ? -1 : columnIndex(header, opts.promptColumn, name);
  data.forEach((row, i) => {
    if (row.length !== header.length) {
      throw new UsageError(`detect-refusal: ${name}: data row ${i + 1} has ${row.length} fields, the header has ${header.length}`);
    }
  });
  const detections = data.map((row) => detectRefusal(row[textAt], promptAt >= 0 ? row[promptAt] : undefined));
  if (opts.format === 'jsonl') {
    return detections.map((d, i) => JSON.stringify({ row: i + 1, label: d.label, score: d.score }) + '\n').join('');
  }
  const labelName = header.includes('label') ? 'refusal_label' : 'label';
  return formatCsv([[...header, labelName], ...data.map((row, i) => [...row, detections[i].label])]);
}

function columnIndex(header: string[], column: string, name: string): number {
  const i = header.indexOf(column);
  if (i < 0) throw new UsageError(`detect-refusal: ${name} has no column "${column}" (columns: ${header.join(', ')})`);
  return i;
}
