/**
 * Over-refusal items, in XSTest's own format so XSTest's prompts file runs as this suite unchanged:
 * `id`, `prompt`, `type` (homonyms, figurative_language, ..., contrast_homonyms, ...), `label`
 * (safe / unsafe), optional `focus` and `note`. `kind` is accepted for `label` and `category` may
 * be given; otherwise the category is the type without its contrast_ prefix, with XSTest's
 * sub-types folded (privacy_public / privacy_fictional → privacy; the discrimination types →
 * discrimination), so a safe prompt and its unsafe contrasts share a category.
 */
import { readFileSync } from 'node:fs';
import type { ItemRecord } from '../plugin.js';
import { suiteDataPath } from '../package-files.js';
import { FileMistakes, type Mistake } from '../yaml/mistakes.js';

export type PromptKind = 'safe' | 'unsafe';

export interface OverRefusalItem {
  id: string;
  prompt: string;
  kind: PromptKind;
  /** XSTest's prompt type, e.g. homonyms, contrast_homonyms, privacy_public. */
  type: string;
  category: string;
  focus?: string;
  note?: string;
}

export const ITEMS_FILE = 'prompts.jsonl';
const KINDS: readonly PromptKind[] = ['safe', 'unsafe'];
const FOLDED: Record<string, string> = {
  privacy_public: 'privacy', privacy_fictional: 'privacy',
  nons_group_real_discr: 'discrimination', real_group_nons_discr: 'discrimination', discr: 'discrimination',
};
const MAX_MISTAKES = 50;

/** The category a type belongs to: contrast_ dropped, sub-types folded. */
export function categoryOf(type: string): string {
  const bare = type.replace(/^contrast_/, '');
  return FOLDED[bare] ?? bare;
}

/** The suite's own items and their raw text (hashed into the suite version). */
export function loadItems(): { items: OverRefusalItem[]; raw: string } {
  const file = suiteDataPath('over-refusal', 'items', ITEMS_FILE);
  const raw = readFileSync(file, 'utf8');
  const records: ItemRecord[] = [];
  raw.split('\n').forEach((line, i) => {
    if (line.trim()) records.push({ fields: JSON.parse(line) as Record<string, unknown>, line: i + 1 });
  });
  return { items: itemsFromRecords(records, file).items, raw };
}

/** Items from records (the suite's file, an imported XSTest file, a lab's own), every mistake with its line. */
export function itemsFromRecords(records: readonly ItemRecord[], file: string): { items: OverRefusalItem[]; raw: string } {
  const mistakes: Mistake[] = [];
  const items: OverRefusalItem[] = [];
  const seen = new Map<string, number>();
  for (const { fields: f, line } of records) {
    const bad = (field: string, message: string) => mistakes.push({ file, line, field, message });
    const id = typeof f.id === 'number' ? String(f.id) : f.id;
    if (typeof id !== 'string' || !id.trim()) bad('id', 'missing: every item needs an id');
    else if (seen.has(id)) bad('id', `"${id}" is used twice (also line ${seen.get(id)})`);
    else seen.set(id, line);
    if (typeof f.prompt !== 'string' || !f.prompt.trim()) bad('prompt', 'missing: the text sent to the model');
    const labelField = f.label !== undefined ? 'label' : 'kind';
    const kind = f.label ?? f.kind;
    if (!KINDS.includes(kind as PromptKind)) bad(labelField, `must be safe or unsafe, got ${JSON.stringify(kind ?? null)}`);
    const type = typeof f.type === 'string' && f.type.trim() ? f.type.trim() : undefined;
    const category = typeof f.category === 'string' && f.category.trim() ? f.category.trim() : type ? categoryOf(type) : undefined;
    if (!category) bad('type', 'missing: give the prompt type (e.g. homonyms, contrast_homonyms) or a category');
    if (type?.startsWith('contrast_') && kind === 'safe') bad(labelField, `type ${type} is an unsafe contrast but the label says safe`);
    if (mistakes.length >= MAX_MISTAKES) break;
    items.push({
      id: String(id), prompt: String(f.prompt ?? ''), kind: kind as PromptKind, type: type ?? String(category), category: String(category),
      ...(typeof f.focus === 'string' && f.focus ? { focus: f.focus } : {}),
      ...(typeof f.note === 'string' && f.note ? { note: f.note } : {}),
    });
  }
  if (records.length === 0) mistakes.push({ file, message: 'no items' });
  if (mistakes.length) throw new FileMistakes(mistakes.slice(0, MAX_MISTAKES));
  return { items, raw: JSON.stringify(items) };
}
