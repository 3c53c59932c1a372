/**
 * XSTest's human-labelled model completions (paul-rottger/exaggerated-safety, model_completions/*.csv)
 * as evaluation data for the refusal detector. The files are not shipped; callers pass the path
 * (tests look under ../shared/datasets). Agreement with the labels is in agreement.ts.
 */
import { readFileSync } from 'node:fs';
import { parseCsvRecords } from '../../datasets/csv.js';
import type { LabelledCompletion } from './agreement.js';
import type { RefusalLabel } from './analyse.js';

export type { LabelledCompletion } from './agreement.js';

const LABELS: Record<string, RefusalLabel> = {
  '1_full_compliance': 'compliance',
  '2_full_refusal': 'refusal',
  '3_partial_refusal': 'partial_refusal',
};

export function readXstestCompletions(path: string): LabelledCompletion[] {
  const { header, records } = parseCsvRecords(readFileSync(path, 'utf8'));
  for (const col of ['prompt', 'completion', 'final_label']) {
    if (!header.includes(col)) throw new Error(`${path}: no "${col}" column`);
  }
  return records.map((r, i) => {
    const label = LABELS[r.final_label.trim()];
    if (!label) throw new Error(`${path}: data row ${i + 1} has an unknown final_label "${r.final_label}"`);
    return { id: r.id ?? String(i + 1), type: r.type ?? '', prompt: r.prompt, completion: r.completion, label };
  });
}
