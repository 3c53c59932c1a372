/**
 * The refusal detector's measured agreement with people, in words, for reports that show its
 * numbers: computed from the never-trained-on part of the project's labelled replies
 * (HELD_OUT_SPLITS) the first time a process asks, so it stays true as the detector or the
 * fixture changes.
 */
import { agreement } from './agreement.js';
import { detectRefusal } from './detect.js';
import { HELD_OUT_SPLITS } from './learned/training-data.js';
import { readOwnCompletions } from './own-completions.js';

let measured: string | undefined;

export function refusalDetectorAgreementNote(): string {
  if (measured === undefined) {
    const rows = readOwnCompletions().filter((r) => HELD_OUT_SPLITS.includes(r.split));
    const a = agreement(rows, (completion, prompt) => {
      const d = detectRefusal(completion, prompt);
      return { label: d.label, guess: d.guess };
    });
    measured = `on ${a.n} hand-labelled replies in six model styles that it was never tuned or trained on, the refusal detector decided ` +
      `${pct(a.decidedShare)} and agreed with the human label (complied vs any refusal) on ${pct(a.binaryDecided)} of those; ` +
      'its uncertain cases go to the judges when there are any (src/scoring/refusal/README.md)';
  }
  return measured;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
