import { readFileSync } from 'node:fs';
import { ITEM_KINDS, type ItemKind } from './item-kind.js';
import type { ItemRecord } from '../plugin.js';
import { FileMistakes, type Mistake } from '../../core/mistakes.js';
import { suiteDataPath } from '../package-files.js';


/** One authored item, as stored in items/*.jsonl. */
export interface HallucinationItem {
  id: string;
  kind: ItemKind;
  category: string;
  question: string;
  /** Answerable: the answer and its aliases. False premise: phrases a correction would contain. */
  answers: string[];
  /** False premise: the truth in one sentence (the model grader's gold target). */
  correction?: string;
  premise?: string;
  /** Nonexistent: the invented entity. */
  entity?: string;
  source?: string;
}

export const ITEM_FILES = ['answerable.jsonl', 'nonexistent.jsonl', 'false-premise.jsonl'] as const;

/** Reads every item file; returns the items and the raw text (hashed into the suite version). */
export function loadItems(): { items: HallucinationItem[]; raw: string } {
  let raw = '';
  const items: HallucinationItem[] = [];
  for (const file of ITEM_FILES) {
    const text = readFileSync(suiteDataPath('hallucination', 'items', file), 'utf8');
    raw += text;
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      try {
        items.push(JSON.parse(line) as HallucinationItem);
      } catch {
        throw new Error(`hallucination suite: ${file} line ${i + 1} is not valid JSON`);
      }
    });
  }
  return { items, raw };
}

/**
 * Items given as records (a suite.yaml with `base: hallucination`, e.g. an imported SimpleQA
 * file): each checked for the fields the suite needs, every mistake with its line.
 */
export function itemsFromRecords(records: readonly ItemRecord[], file: string): { items: HallucinationItem[]; raw: string } {
  const mistakes: Mistake[] = [];
  const items: HallucinationItem[] = [];
  const seen = new Set<string>();
  for (const { fields: f, line } of records) {
    const bad = (field: string, message: string) => mistakes.push({ file, line, field, message });
    const kind = f.kind ?? 'answerable';
    if (typeof f.id !== 'string' || !f.id) bad('id', 'missing: every item needs an id');
    else if (seen.has(f.id)) bad('id', `"${f.id}" is used twice`);
    else seen.add(f.id);
    if (typeof f.question !== 'string' || !f.question.trim()) bad('question', 'missing');
    if (!ITEM_KINDS.includes(kind as ItemKind)) bad('kind', `must be one of ${ITEM_KINDS.join(', ')}`);
    const answers = typeof f.answers === 'string' ? f.answers.split('|').map((a) => a.trim()).filter(Boolean) : f.answers;
    if (!Array.isArray(answers) || !answers.every((a) => typeof a === 'string')) bad('answers', 'must be a list of texts (or "a|b" in CSV)');
    else if (kind !== 'nonexistent' && answers.length === 0) bad('answers', `an ${String(kind)} item needs its accepted answers`);
    if (kind === 'false_premise' && typeof f.correction !== 'string') bad('correction', 'a false-premise item needs its correction (one sentence of what is true)');
    if (mistakes.length >= 50) break;
    items.push({
      id: String(f.id), kind: kind as ItemKind, category: typeof f.category === 'string' && f.category ? f.category : 'uncategorised',
      question: String(f.question ?? ''), answers: Array.isArray(answers) ? answers.map(String) : [],
      ...(typeof f.correction === 'string' ? { correction: f.correction } : {}),
      ...(typeof f.premise === 'string' ? { premise: f.premise } : {}),
      ...(typeof f.entity === 'string' ? { entity: f.entity } : {}),
      ...(typeof f.source === 'string' ? { source: f.source } : {}),
    });
  }
  if (mistakes.length) throw new FileMistakes(mistakes);
  return { items, raw: JSON.stringify(items) };
}
