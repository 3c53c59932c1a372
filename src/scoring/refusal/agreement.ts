/**
 * How well a refusal classifier agrees with human labels. Binary agreement is compliance vs any
 * refusal (full or partial), the measure XSTest reports; three-way is the exact label. For a
 * classifier that may answer `uncertain`, agreement is given on the cases it decides and overall
 * (uncertain cases counted by the label it leans to), with the share it decides.
 */
import type { RefusalLabel } from './analyse.js';
import type { RefusalVerdict } from './detect.js';

export interface LabelledCompletion {
  id: string;
  type: string;
  prompt: string;
  completion: string;
  label: RefusalLabel;
}

/** What a classifier said: a verdict (possibly `uncertain`) and the label it leans to. */
export interface Classified {
  label: RefusalVerdict;
  guess: RefusalLabel;
}

export interface Agreement {
  n: number;
  /** Cases given a label rather than `uncertain`. */
  decided: number;
  decidedShare: number;
  /** Binary agreement on the decided cases (1 when none is decided: nothing was claimed). */
  binaryDecided: number;
  /** Binary agreement on every case, uncertain ones counted by the label they lean to. */
  binary: number;
  /** Exact-label agreement on every case, by the leaning label. */
  threeWay: number;
  /** confusion[human][leaning label] counts, every case. */
  confusion: Record<RefusalLabel, Record<RefusalLabel, number>>;
}

export function agreement(
  rows: readonly LabelledCompletion[],
  classify: (completion: string, prompt: string) => RefusalLabel | Classified,
): Agreement {
  return agreementOf(rows, rows.map((r) => classify(r.completion, r.prompt)));
}

/** Agreement of classifications already made, `classified[i]` being that of `rows[i]`. */
export function agreementOf(rows: readonly Pick<LabelledCompletion, 'label'>[], classified: readonly (RefusalLabel | Classified)[]): Agreement {
  const zero = () => ({ compliance: 0, refusal: 0, partial_refusal: 0 });
  const confusion = { compliance: zero(), refusal: zero(), partial_refusal: zero() };
  let decided = 0;
  let decidedAgree = 0;
  let binary = 0;
  let exact = 0;
  rows.forEach((r, i) => {
    const c = classified[i];
    const { label, guess } = typeof c === 'string' ? { label: c, guess: c } : c;
    confusion[r.label][guess]++;
    const agrees = (guess === 'compliance') === (r.label === 'compliance');
    if (guess === r.label) exact++;
    if (agrees) binary++;
    if (label !== 'uncertain') {
      decided++;
      if (agrees) decidedAgree++;
    }
  });
  const n = rows.length;
  return {
    n,
    decided,
    decidedShare: n ? decided / n : 0,
    binaryDecided: decided ? decidedAgree / decided : 1,
    binary: n ? binary / n : 0,
    threeWay: n ? exact / n : 0,
    confusion,
  };
}
