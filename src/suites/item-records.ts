/**
 * Reading and checking a suite's items: the shipped JSONL files as records (each with its file and
 * line), and a check over records that names every mistake with its file, line and field, thrown
 * together. Ids are checked here for every suite (present, a plain name, used once).
 */
import { readFileSync } from 'node:fs';
import type { ItemRecord } from './plugin.js';
import { suiteDataPath } from './package-files.js';
import { FileMistakes, type Mistake } from '../core/mistakes.js';

/** Records a mistake in one field of the record being checked. */
export type Bad = (field: string, message: string) => void;

const MAX_MISTAKES = 50;

/** The lines of a shipped suite's item files as records, and their raw text (hashed into the suite version). */
export function readItemFiles(suite: string, files: readonly string[]): { records: ItemRecord[]; fileOf: (index: number) => string; raw: string } {
  let raw = '';
  const records: ItemRecord[] = [];
  const fileNames: string[] = [];
  for (const file of files) {
    const text = readFileSync(suiteDataPath(suite, 'items', file), 'utf8');
    raw += text;
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      try {
        records.push({ fields: JSON.parse(line) as Record<string, unknown>, line: i + 1 });
        fileNames.push(file);
      } catch {
        throw new Error(`${suite} suite: ${file} line ${i + 1} is not valid JSON`);
      }
    });
  }
  return { records, fileOf: (i) => fileNames[i], raw };
}

/**
 * Every record through `check`, which returns the item or reports mistakes with `bad`; a record
 * with any mistake gives no item. Throws FileMistakes with every mistake (up to 50) at the end.
 */
export function checkRecords<T>(records: readonly ItemRecord[], fileOf: (index: number) => string, check: (fields: Record<string, unknown>, bad: Bad) => T | undefined): T[] {
  const mistakes: Mistake[] = [];
  const items: T[] = [];
  const seen = new Set<string>();
  records.forEach(({ fields: f, line }, index) => {
    if (mistakes.length >= MAX_MISTAKES) return;
    const bad: Bad = (field, message) => mistakes.push({ file: fileOf(index), line, field, message });
    const before = mistakes.length;
    if (typeof f.id !== 'string' || !/^[\w.:-]+$/.test(f.id)) bad('id', 'missing or not a plain name (letters, digits, . _ : -)');
    else if (seen.has(f.id)) bad('id', `"${f.id}" is used twice`);
    else seen.add(f.id);
    const item = check(f, bad);
    if (item !== undefined && mistakes.length === before) items.push(item);
  });
  if (mistakes.length) throw new FileMistakes(mistakes);
  return items;
}

/** A required non-empty text field, or a mistake. */
export function textField(f: Record<string, unknown>, key: string, bad: Bad): string {
  const v = f[key];
  if (typeof v === 'string' && v.trim()) return v;
  bad(key, 'missing');
  return '';
}
