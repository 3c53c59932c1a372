/**
 * XSTest's human-labelled model completions (paul-rottger/exaggerated-safety, model_completions/*.csv)
 * as evaluation data for the refusal detector: read, and agreement of a classifier with the labels.
 * The files are not shipped; callers pass the path (tests look under ../shared/datasets).
 */
import { readFileSync } from 'node:fs';
import { parseCsvRecords } from '../../datasets/csv.js';
import type { RefusalLabel } from './detect.js';

export interface LabelledCompletion {
  id: string;
  type: string;
  prompt: string;
  completion: string;
  label: RefusalLabel;
}

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

export interface Agreement {
  n: number;
  /** Share agreeing on compliance vs any refusal. */
  binary: number;
  /** Share agreeing on the exact label. */
  threeWay: number;
  /** confusion[human][predicted] counts. */
  confusion: Record<RefusalLabel, Record<RefusalLabel, number>>;
}

export function agreement(
  rows: readonly LabelledCompletion[],
  classify: (completion: string, prompt: string) => RefusalLabel,
): Agreement {
  const zero = () => ({ compliance: 0, refusal: 0, partial_refusal: 0 });
  const confusion = { compliance: zero(), refusal: zero(), partial_refusal: zero() };
  let binary = 0;
  let exact = 0;
  for (const r of rows) {
    const predicted = classify(r.completion, r.prompt);
    confusion[r.label][predicted]++;
    if (predicted === r.label) exact++;
    if ((predicted === 'compliance') === (r.label === 'compliance')) binary++;
  }
  const n = rows.length;
  return { n, binary: n ? binary / n : 0, threeWay: n ? exact / n : 0, confusion };
}
