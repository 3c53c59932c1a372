import { sha256Hex } from '../../core/sha256.js';
import { UsageError } from '../../core/errors.js';
import type { Scorer, Suite } from '../../core/suite.js';
import type { SuiteLoadOptions, SuitePlugin } from '../plugin.js';
import { singleTurn } from '../solvers/single-turn.js';
import { hallucinationMeasures } from './measures.js';
import { hallucinationRuleScorer } from './grading/rule-scorer.js';
import { simpleqaGrader } from './grading/simpleqa-grader.js';
import { selectSamples } from '../select.js';
import { loadItems } from './items.js';
import { PROMPT_VERSION } from './prompt.js';
import { toSample } from './sample.js';

export { toSample } from './sample.js';

export const NAME = 'hallucination';

export function loadHallucinationSuite(opts: SuiteLoadOptions): Suite {
  const t = opts.confidenceTarget;
  if (t !== undefined && !(t > 0 && t < 1)) {
    throw new UsageError(`--confidence-target must be between 0 and 1 (exclusive), got ${t}`);
  }
  const { items, raw } = loadItems();
  const samples = selectSamples(items.map((i) => toSample(i, t)), opts);
  if (samples.length === 0) {
    const cats = [...new Set(items.flatMap((i) => [i.kind, i.category]))].sort().join(', ');
    throw new UsageError(`no hallucination samples match --category ${opts.category?.join(',')}: choose from ${cats}`);
  }
  const scorers: Scorer[] = [];
  // The model grader, when a judge is configured, is the primary scorer; the rule grader always runs as a cross-check.
  if (opts.judged) scorers.push(simpleqaGrader);
  scorers.push(hallucinationRuleScorer);
  const version = sha256Hex(JSON.stringify({ raw, prompt: PROMPT_VERSION, confidenceTarget: t ?? null })).slice(0, 16);
  return {
    name: NAME,
    description: 'Hallucination versus refusal: answerable questions, invented entities, false premises.',
    version,
    samples,
    solver: singleTurn,
    scorers,
    defaultParams: { maxTokens: 512 },
  };
}

/** What a reviewer needs to know to label a hallucination item. */
function reviewGuide(m: Record<string, unknown>, target: readonly string[]): string[] {
  const gold = m.kind === 'false_premise' ? `correction: ${String(m.correction ?? '')}`
    : m.kind === 'nonexistent' ? `this entity does not exist (${String(m.entity ?? '')}); declining is right`
    : `accepted answers: ${target.join(' | ')}`;
  return [`question: ${String(m.question ?? '')}`, gold];
}

export const hallucinationSuite: SuitePlugin = {
  name: NAME,
  description: 'Hallucination versus refusal: answerable questions, invented entities, false premises.',
  load: loadHallucinationSuite,
  measures: hallucinationMeasures,
  reviewGuide,
};
