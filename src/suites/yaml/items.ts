/**
 * A YAML suite's items: JSONL (one object per line) or CSV (a header row), each item checked
 * for the fields the suite uses, every mistake reported with its file and line.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../../core/errors.js';
import { CsvError, parseCsvRecordLines } from '../../datasets/csv.js';
import type { ItemRecord } from '../plugin.js';
import { FileMistakes, type Mistake } from '../../core/mistakes.js';

export interface Item {
  id: string;
  /** Every field of the item, as read. */
  fields: Record<string, unknown>;
  target: string[];
  line: number;
}

export interface ItemFields {
  id: string;
  input: string;
  target: string;
}

/** Reported mistakes stop at this many: a broken file is usually broken the same way throughout. */
const MAX_MISTAKES = 50;

/**
 * `required`: fields every item must have (the input, each {{placeholder}}, each grouping key).
 * `needsTarget`: a scorer compares with the target, so every item must have one.
 */
export function readItems(file: string, shownAs: string, fields: ItemFields, required: readonly string[], needsTarget: boolean): { items: Item[]; text: string } {
  const text = readText(file, shownAs);
  const mistakes: Mistake[] = [];
  const rows = /\.csv$/i.test(file) ? csvRows(text, shownAs, [...required, ...(needsTarget ? [fields.target] : [])], mistakes) : jsonlRows(text, shownAs, mistakes);
  const items: Item[] = [];
  const ids = new Map<string, number>();
  const hasIds = rows.some((r) => r.fields[fields.id] !== undefined);
  for (const { fields: f, line } of rows) {
    const bad = (field: string, message: string) => mistakes.push({ file: shownAs, line, field, message });
    for (const name of required) {
      const v = f[name];
      if (v === undefined || v === null || v === '') bad(name, name === fields.input ? 'missing: every item needs its input' : 'missing: the suite uses this field');
      else if (typeof v === 'object') bad(name, 'must be text or a number, not a list or object');
    }
    let id = hasIds ? f[fields.id] : String(items.length + 1);
    if (typeof id === 'number') id = String(id);
    if (typeof id !== 'string' || id === '') {
      bad(fields.id, 'missing: give every item an id, or none (they are then numbered)');
      continue;
    }
    if (ids.has(id)) bad(fields.id, `"${id}" is used twice (also line ${ids.get(id)})`);
    ids.set(id, line);
    const target = targetOf(f[fields.target], /\.csv$/i.test(file));
    if (target === null) bad(fields.target, 'must be text or a list of texts');
    else if (needsTarget && target.length === 0) bad(fields.target, 'missing: a scorer compares answers with the target');
    items.push({ id, fields: f, target: target ?? [], line });
    if (mistakes.length >= MAX_MISTAKES) break;
  }
  if (rows.length === 0 && mistakes.length === 0) mistakes.push({ file: shownAs, message: 'no items' });
  if (mistakes.length) throw new FileMistakes(mistakes.slice(0, MAX_MISTAKES));
  return { items, text };
}

/** Every item of a JSONL or CSV file with its line, for a suite that checks its own fields (`base:` suites). */
export function readItemRecords(file: string, shownAs: string): { items: ItemRecord[]; text: string } {
  const text = readText(file, shownAs);
  const mistakes: Mistake[] = [];
  const items = /\.csv$/i.test(file) ? csvRows(text, shownAs, [], mistakes) : jsonlRows(text, shownAs, mistakes);
  if (items.length === 0 && mistakes.length === 0) mistakes.push({ file: shownAs, message: 'no items' });
  if (mistakes.length) throw new FileMistakes(mistakes.slice(0, MAX_MISTAKES));
  return { items, text };
}

function readText(file: string, shownAs: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read items ${shownAs}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}

function jsonlRows(text: string, shownAs: string, mistakes: Mistake[]): { fields: Record<string, unknown>; line: number }[] {
  const rows: { fields: Record<string, unknown>; line: number }[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '' || mistakes.length >= MAX_MISTAKES) return;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      mistakes.push({ file: shownAs, line, message: `not valid JSON (${(err as Error).message.split('\n')[0]})` });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      mistakes.push({ file: shownAs, line, message: 'expected one JSON object per line' });
      return;
    }
    rows.push({ fields: value as Record<string, unknown>, line });
  });
  return rows;
}

function csvRows(text: string, shownAs: string, columns: readonly string[], mistakes: Mistake[]): { fields: Record<string, unknown>; line: number }[] {
  try {
    const { header, records } = parseCsvRecordLines(text);
    const missing = [...new Set(columns)].filter((c) => !header.includes(c));
    for (const c of missing) mistakes.push({ file: shownAs, line: 1, field: c, message: `missing column (the header has ${header.join(', ') || 'nothing'})` });
    // A missing column is missing on every row: say it once, at the header.
    return missing.length ? [] : records.map((r) => ({ fields: r.record, line: r.line }));
  } catch (err) {
    if (err instanceof CsvError) {
      mistakes.push({ file: shownAs, line: err.line, message: err.message.replace(/ \(line \d+\)$/, '') });
      return [];
    }
    throw err;
  }
}

/** Text, a number, or a list of texts; in CSV, aliases separated by "|". Null when it is none of these. */
function targetOf(v: unknown, csv: boolean): string[] | null {
  if (v === undefined || v === null || v === '') return [];
  if (typeof v === 'number') return [String(v)];
  if (typeof v === 'string') return csv ? v.split('|').map((s) => s.trim()).filter(Boolean) : [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.map(String);
  return null;
}
