import { readFileSync } from 'node:fs';
import type { ItemKind } from './item-kind.js';
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
