/**
 * The learned second opinion the refusal detector decides with: a logistic regression over the
 * rule analysis and the reply's words (features.ts), fitted by train.ts on labelled replies and
 * shipped as weights.ts. `refusalProbability` is its confidence that a reply is a refusal of any
 * kind (full or partial).
 */
import type { RefusalAnalysis } from '../analyse.js';
import { featuresOf } from './features.js';
import { scorerOf, type LogisticModel, type Scorer } from './logistic.js';
import { WEIGHTS } from './weights.js';

let shipped: Scorer | undefined;
const others = new WeakMap<LogisticModel, Scorer>();

export function refusalProbability(response: string, prompt: string | undefined, a: RefusalAnalysis, model?: LogisticModel): number {
  const scorer = model ? others.get(model) ?? others.set(model, scorerOf(model)).get(model)! : (shipped ??= scorerOf(WEIGHTS));
  return scorer.probability(featuresOf(response, prompt, a));
}

/** The shipped band of uncertain probabilities, fitted with the shipped weights (train.ts). */
export const UNCERTAIN_BAND: { low: number; high: number } = WEIGHTS.band;
