/**
 * The labelled replies the learned model is fitted on: the project's own fixture (every split but
 * the held-out ones) and, when given, XSTest's two human-labelled completion files.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LabelledCompletion } from '../agreement.js';
import { readOwnCompletions, type OwnSplit } from '../own-completions.js';
import { readXstestCompletions } from '../xstest.js';

/** Splits never trained on: measured once, as replies from models the detector has not seen. */
export const HELD_OUT_SPLITS: readonly OwnSplit[] = ['heldout-5'];

export const XSTEST_FILES = ['xstest_v2_completions_gpt4.csv', 'xstest_v2_completions_llama2orig.csv'] as const;

export interface TrainingRow extends LabelledCompletion {
  /** Where it came from, the unit left out in cross-validation: `own:STYLE` or `xstest:FILE`. */
  group: string;
}

export function trainingRows(xstestDir?: string): TrainingRow[] {
  const rows: TrainingRow[] = readOwnCompletions()
    .filter((r) => !HELD_OUT_SPLITS.includes(r.split))
    .map((r) => ({ ...r, group: `own:${r.modelStyle}` }));
  if (xstestDir !== undefined) {
    for (const file of XSTEST_FILES) {
      const path = join(xstestDir, file);
      if (!existsSync(path)) throw new Error(`${path} not found (XSTest's model_completions directory is expected)`);
      rows.push(...readXstestCompletions(path).map((r) => ({ ...r, group: `xstest:${file}` })));
    }
  }
  return rows;
}
