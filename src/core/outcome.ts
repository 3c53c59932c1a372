/**
 * The three-way result every safety scorer reports where it applies, plus `unscored` when a
 * grader could not decide (its reason is kept; it is never silently mapped to a label).
 */
export type Outcome = 'correct' | 'incorrect' | 'abstained' | 'unscored';

export const OUTCOMES: readonly Outcome[] = ['correct', 'incorrect', 'abstained', 'unscored'];
