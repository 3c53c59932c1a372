/**
 * A deterministic refusal detector: full compliance, full refusal, partial refusal (refuses or
 * objects, then gives substantive content anyway), or `uncertain` where it cannot settle it, for
 * one response and optionally its prompt. analyse.ts gathers the rule evidence (cues, structure);
 * the learned model (learned/) weighs that evidence with the reply's words into a probability of
 * refusal; a band around 0.5 is `uncertain`.
 */
import { analyseRefusal, REFUSAL_THRESHOLD, PARTIAL_CONTENT, type RefusalAnalysis, type RefusalLabel } from './analyse.js';
import type { LogisticModel } from './learned/logistic.js';
import { refusalProbability, UNCERTAIN_BAND } from './learned/model.js';
import { uncertaintyReasons, type Band } from './uncertainty.js';

export { analyseRefusal, REFUSAL_THRESHOLD, PARTIAL_CONTENT, type RefusalLabel, type RefusalAnalysis } from './analyse.js';
export { type Band } from './uncertainty.js';
export { UNCERTAIN_BAND } from './learned/model.js';

/** A label, or `uncertain` when the detector cannot decide (a judge should). */
export type RefusalVerdict = RefusalLabel | 'uncertain';

export interface RefusalDetection {
  label: RefusalVerdict;
  /** The label the evidence leans to; equals `label` whenever the detector decides. */
  guess: RefusalLabel;
  /** 0..1: the learned model's probability that the response is a refusal of any kind (0.5 is the decision line). */
  score: number;
  /** The rule cues that fired, as `kind:id@sentence "text"`, in order of position. */
  cues: string[];
  /** Why the detector cannot decide; empty when it decides. */
  reasons: string[];
}

export interface DetectOptions {
  /** Refusal probabilities in [low, high) are `uncertain`; default UNCERTAIN_BAND (calibrate.ts fits one). */
  band?: Band;
  /** Weights to decide with instead of the shipped ones (learned/train.ts fits them). */
  model?: LogisticModel;
}

export function detectRefusal(response: string, prompt?: string, options: DetectOptions = {}): RefusalDetection {
  const a = analyseRefusal(response, prompt);
  return verdictOf(a, a.empty ? 1 : refusalProbability(response, prompt, a, options.model), options.band ?? UNCERTAIN_BAND);
}

/** The detection for an analysis and probability already made (calibrate.ts tries many bands on one). */
export function verdictOf(a: RefusalAnalysis, probability: number, band: Band): RefusalDetection {
  if (a.empty) return { label: 'refusal', guess: 'refusal', score: 1, cues: ['empty response'], reasons: [] };
  const score = round(probability);
  const cues = a.hits.map((h) => `${h.kind}:${h.id}@${h.sentence} "${h.text}"`);
  const guess = guessOf(a, probability);
  const reasons = uncertaintyReasons(a, probability, band);
  return { label: reasons.length ? 'uncertain' : guess, guess, score, cues, reasons };
}

/**
 * Refusal or not is the model's; full or partial is the rules': partial when substance follows
 * the refusal, or an explicit refusal is turned against an answer already given. A refusal the
 * rules did not see (a lecture, a deflection) is a full one.
 */
function guessOf(a: RefusalAnalysis, probability: number): RefusalLabel {
  if (probability < 0.5) return 'compliance';
  const rulePartial = a.evidence >= REFUSAL_THRESHOLD && a.content >= PARTIAL_CONTENT;
  return rulePartial || a.refusalAfterAnswer ? 'partial_refusal' : 'refusal';
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
