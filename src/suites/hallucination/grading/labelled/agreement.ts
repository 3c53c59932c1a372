/**
 * How far a grader agrees with the labelled grader set. A grade of `unscored` is the grader
 * admitting it cannot read the answer; it is counted apart (the unscored share), never as a label.
 * A *flattering* error is one that makes the model look better than the human label says:
 * `correct` for anything not correct, or `abstained` for an answer that is incorrect (declining
 * costs nothing in the penalised score, a wrong answer does).
 */
import type { Outcome } from '../../../../core/outcome.js';
import type { GraderSetCase } from './grader-set.js';

export interface GradedCase {
  case: GraderSetCase;
  outcome: Outcome;
  /** The grader's explanation or unscored reason. */
  why: string;
}

export interface Agreement {
  n: number;
  /** Cases the grader decided (not unscored). */
  decided: number;
  /** Decided cases whose outcome equals the human label. */
  agree: number;
  /** decided / n and agree / decided (NaN when nothing was decided). */
  decidedShare: number;
  agreementOnDecided: number;
  /** Decided cases the grader got wrong, by the case's tricky kind. */
  errorsByCase: Record<string, number>;
  /** Decided cases the grader got wrong, as "human→grader" (e.g. "incorrect→correct"). */
  errorsByConfusion: Record<string, number>;
  flattering: GradedCase[];
  disagreements: GradedCase[];
}

export function isFlattering(label: GraderSetCase['label'], outcome: Outcome): boolean {
  if (outcome === 'correct') return label !== 'correct';
  if (outcome === 'abstained') return label === 'incorrect' || label === 'unscorable';
  return false;
}

export function measureAgreement(graded: readonly GradedCase[]): Agreement {
  const decidedCases = graded.filter((g) => g.outcome !== 'unscored');
  const disagreements = decidedCases.filter((g) => g.outcome !== g.case.label);
  const count = (key: (g: GradedCase) => string) => {
    const out: Record<string, number> = {};
    for (const g of disagreements) out[key(g)] = (out[key(g)] ?? 0) + 1;
    return out;
  };
  const agree = decidedCases.length - disagreements.length;
  return {
    n: graded.length,
    decided: decidedCases.length,
    agree,
    decidedShare: graded.length ? decidedCases.length / graded.length : NaN,
    agreementOnDecided: decidedCases.length ? agree / decidedCases.length : NaN,
    errorsByCase: count((g) => g.case.case),
    errorsByConfusion: count((g) => `${g.case.label}→${g.outcome}`),
    flattering: decidedCases.filter((g) => isFlattering(g.case.label, g.outcome)),
    disagreements,
  };
}

/** One line: "decided 180/250 (72%), agreement on decided 170/180 (94%)". */
export function formatAgreement(a: Agreement): string {
  const pct = (x: number) => (Number.isNaN(x) ? '—' : `${(100 * x).toFixed(1)}%`);
  return `decided ${a.decided}/${a.n} (${pct(a.decidedShare)}), agreement on decided ${a.agree}/${a.decided} (${pct(a.agreementOnDecided)}), flattering errors ${a.flattering.length}`;
}
