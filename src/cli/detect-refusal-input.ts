/**
 * The rows `crosscheck detect-refusal` reads: a CSV file with a header (RFC 4180, see
 * datasets/csv.ts) or JSON lines, one object per line. Either way, a header and rows of strings,
 * so the command treats both alike; bad input is a one-line usage error naming the row or line.
 */
import { UsageError } from '../core/errors.js';
import { CsvError, parseCsv } from '../datasets/csv.js';

export interface Table {
  header: string[];
  rows: string[][];
}

export type InputFormat = 'csv' | 'jsonl';

/** JSON lines when the name ends in .jsonl or .ndjson, else CSV. */
export function inputFormatOf(name: string): InputFormat {
  return /\.(?:jsonl|ndjson)$/i.test(name) ? 'jsonl' : 'csv';
}

export function readTable(text: string, format: InputFormat, name: string): Table {
  return format === 'jsonl' ? readJsonLines(text, name) : readCsvTable(text, name);
}

function readCsvTable(text: string, name: string): Table {
  let parsed: string[][];
  try {
    parsed = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvError) throw new UsageError(`detect-refusal: ${name} is not valid CSV: ${err.message}`);
    throw err;
  }
  const [header, ...rows] = parsed;
  if (!header) throw new UsageError(`detect-refusal: ${name} is empty`);
  rows.forEach((row, i) => {
    if (row.length !== header.length) {
      throw new UsageError(`detect-refusal: ${name}: data row ${i + 1} has ${row.length} fields, the header has ${header.length}`);
    }
  });
  return { header, rows };
}

/** The header is the keys of the first object, then any new keys in order of appearance. */
function readJsonLines(text: string, name: string): Table {
  const objects: { line: number; value: Record<string, unknown> }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      throw new UsageError(`detect-refusal: ${name}: line ${i + 1} is not JSON: ${(err as Error).message}`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new UsageError(`detect-refusal: ${name}: line ${i + 1} is not a JSON object`);
    }
    objects.push({ line: i + 1, value: value as Record<string, unknown> });
  });
  if (objects.length === 0) throw new UsageError(`detect-refusal: ${name} is empty`);
  const header: string[] = [];
  for (const { value } of objects) for (const key of Object.keys(value)) if (!header.includes(key)) header.push(key);
  const rows = objects.map(({ line, value }) =>
    header.map((key) => {
      const v = value[key];
      if (v === undefined || v === null) return '';
      if (typeof v === 'string') return v;
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
      throw new UsageError(`detect-refusal: ${name}: line ${line} has a non-text value for "${key}"`);
    }),
  );
  return { header, rows };
}
