/**
 * Items given as records (a suite's own file, an imported dataset, a lab's own items through
 * `base: SUITE`), each checked by the suite, ids checked here: text or a number, present, used
 * once. Every mistake is collected with its file, line and field and thrown together (the first
 * 50: a broken file is usually broken the same way throughout), before any model is called.
 */
import type { ItemRecord } from './plugin.js';
import { FileMistakes, type Mistake } from './yaml/mistakes.js';

export type Bad = (field: string, message: string) => void;

const MAX_MISTAKES = 50;

export function checkedItems<T>(records: readonly ItemRecord[], file: string, check: (fields: Record<string, unknown>, id: string, bad: Bad) => T): T[] {
  const mistakes: Mistake[] = [];
  const items: T[] = [];
  const seen = new Map<string, number>();
  for (const { fields, line } of records) {
    const bad: Bad = (field, message) => mistakes.push({ file, line, field, message });
    const id = typeof fields.id === 'number' ? String(fields.id) : fields.id;
    if (typeof id !== 'string' || !id.trim()) bad('id', 'missing: every item needs an id');
    else if (seen.has(id)) bad('id', `"${id}" is used twice (also line ${seen.get(id)})`);
    else seen.set(id, line);
    items.push(check(fields, typeof id === 'string' ? id : '', bad));
    if (mistakes.length >= MAX_MISTAKES) break;
  }
  if (records.length === 0) mistakes.push({ file, message: 'no items' });
  if (mistakes.length) throw new FileMistakes(mistakes.slice(0, MAX_MISTAKES));
  return items;
}
