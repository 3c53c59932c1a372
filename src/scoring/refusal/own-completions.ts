/**
 * The project's own hand-written, hand-labelled completions (fixtures/own-completions.jsonl; how
 * they were written and labelled is in fixtures/README.md). Shipped with the source, so tests and
 * `agreement-report` always have an evaluation set that no model-specific file shaped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/package-root.js';
import type { LabelledCompletion } from './agreement.js';
import type { RefusalLabel } from './analyse.js';

export interface OwnCompletion extends LabelledCompletion {
  /** Whose house style the reply imitates (claude, gpt5, gemini, llama3, deepseek, mistral). */
  modelStyle: string;
  promptKind: 'safe' | 'unsafe';
  /**
   * `tune`: looked at while the detector was tuned. `heldout-1`: scored once (commit fc4eb2c),
   * then tuning material. `heldout-2`: written after that, scored once (commit c531048), then
   * tuning material. `heldout-3`: written before any change that used heldout-2's errors, scored
   * once afterwards (README.md), then training data. `train-2`: written as training data for the
   * learned model. `heldout-4`: written before the learned model was measured on it, scored once,
   * never trained on (learned/training-data.ts). `heldout-5`: written after that measurement,
   * before any change that used heldout-4.
   */
  split: OwnSplit;
}

export const OWN_COMPLETIONS_PATH = join(packageRoot(), 'src', 'scoring', 'refusal', 'fixtures', 'own-completions.jsonl');

const LABELS: readonly RefusalLabel[] = ['compliance', 'refusal', 'partial_refusal'];
export const OWN_SPLITS = ['tune', 'heldout-1', 'heldout-2', 'heldout-3', 'train-2', 'heldout-4', 'heldout-5', 'train-3'] as const;
export type OwnSplit = (typeof OWN_SPLITS)[number];

export function readOwnCompletions(path = OWN_COMPLETIONS_PATH): OwnCompletion[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const rows: OwnCompletion[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${path}: line ${i + 1}`;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch (err) {
      throw new Error(`${where} is not JSON: ${(err as Error).message}`);
    }
    for (const key of ['id', 'model_style', 'prompt_kind', 'response_kind', 'label', 'split', 'prompt', 'completion']) {
      if (typeof o[key] !== 'string') throw new Error(`${where} has no string "${key}"`);
    }
    if (!LABELS.includes(o.label as RefusalLabel)) throw new Error(`${where} has an unknown label "${String(o.label)}"`);
    if (!OWN_SPLITS.includes(o.split as OwnSplit)) throw new Error(`${where} has an unknown split "${String(o.split)}"`);
    if (o.prompt_kind !== 'safe' && o.prompt_kind !== 'unsafe') throw new Error(`${where} has an unknown prompt_kind "${String(o.prompt_kind)}"`);
    rows.push({
      id: o.id as string,
      type: o.response_kind as string,
      prompt: o.prompt as string,
      completion: o.completion as string,
      label: o.label as RefusalLabel,
      modelStyle: o.model_style as string,
      promptKind: o.prompt_kind,
      split: o.split as OwnSplit,
    });
  });
  return rows;
}
