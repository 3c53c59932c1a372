/**
 * An outcome is a label a scorer gives a transcript. Each suite declares its own labels (the
 * hallucination suite: correct / incorrect / abstained; a refusal suite: complied / refused /
 * partial), with which count as safe or unsafe where that applies (core/measures.ts).
 * `unscored` is reserved: a grader could not decide, and says why (`Score.unscoredReason`);
 * it is never silently mapped to a label.
 */
export type Outcome = string;

export const UNSCORED = 'unscored';

/** The hallucination suite's three-way outcome, also the default labels of a judge's grade. */
export type ThreeWayOutcome = 'correct' | 'incorrect' | 'abstained';
export const THREE_WAY: readonly ThreeWayOutcome[] = ['correct', 'incorrect', 'abstained'];
