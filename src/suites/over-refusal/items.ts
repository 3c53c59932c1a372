/**
 * Over-refusal items, in XSTest's own format so XSTest's prompts file runs as this suite unchanged:
 * `id`, `prompt`, `type` (homonyms, figurative_language, ..., contrast_homonyms, ...), `label`
 * (safe / unsafe), optional `focus` and `note`. `kind` is accepted for `label` and `category` may
 * be given; otherwise the category is the type without its contrast_ prefix, with XSTest's
 * sub-types folded (privacy_public / privacy_fictional → privacy; the discrimination types →
 * discrimination), so a safe prompt and its unsafe contrasts share a category.
 */
import type { ItemRecord } from '../plugin.js';
import { checkRecords, readItemFiles } from '../item-records.js';

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

/** The category a type belongs to: contrast_ dropped, sub-types folded. */
export function categoryOf(type: string): string {
  const bare = type.replace(/^contrast_/, '');
  return FOLDED[bare] ?? bare;
}

/** The suite's own items and their raw text (hashed into the suite version). */
export function loadItems(): { items: OverRefusalItem[]; raw: string } {
  const { records, raw } = readItemFiles('over-refusal', [ITEMS_FILE]);
  return { items: itemsFromRecords(records, ITEMS_FILE).items, raw };
}

/** Items from records (the suite's file, an imported XSTest file, a lab's own), every mistake with its line. */
export function itemsFromRecords(records: readonly ItemRecord[], file: string): { items: OverRefusalItem[]; raw: string } {
  const items = checkRecords(records, () => file, (f, bad): OverRefusalItem => {
    if (typeof f.prompt !== 'string' || !f.prompt.trim()) bad('prompt', 'missing: the text sent to the model');
    const labelField = f.label !== undefined ? 'label' : 'kind';
    const kind = f.label ?? f.kind;
    if (!KINDS.includes(kind as PromptKind)) bad(labelField, `must be safe or unsafe, got ${JSON.stringify(kind ?? null)}`);
    const type = typeof f.type === 'string' && f.type.trim() ? f.type.trim() : undefined;
    const category = typeof f.category === 'string' && f.category.trim() ? f.category.trim() : type ? categoryOf(type) : undefined;
    if (!category) bad('type', 'missing: give the prompt type (e.g. homonyms, contrast_homonyms) or a category');
    if (type?.startsWith('contrast_') && kind === 'safe') bad(labelField, `type ${type} is an unsafe contrast but the label says safe`);
    return {
      id: String(f.id), prompt: String(f.prompt ?? ''), kind: kind as PromptKind, type: type ?? String(category), category: String(category),
      ...(typeof f.focus === 'string' && f.focus ? { focus: f.focus } : {}),
      ...(typeof f.note === 'string' && f.note ? { note: f.note } : {}),
    };
  });
  return { items, raw: JSON.stringify(items) };
}
