import { sha256Hex } from '../../core/sha256.js';
import { UsageError } from '../../core/errors.js';
import type { Scorer, Suite } from '../../core/suite.js';
import type { SuiteLoadOptions, SuitePlugin } from '../plugin.js';
import { singleTurn } from '../solvers/single-turn.js';
import { hallucinationMeasures } from './measures.js';
import { hallucinationRuleScorer } from './grading/rule-scorer.js';
import { simpleqaGrader } from './grading/simpleqa-grader.js';
import { selectSamples } from '../select.js';
import { itemsFromRecords, loadItems, type HallucinationItem } from './items.js';
import { PROMPT_VERSION } from './prompt.js';
import { toSample } from './sample.js';

export { toSample } from './sample.js';

export const NAME = 'hallucination';

const DESCRIPTION = 'Hallucination versus refusal: answerable questions, invented entities, false premises.';

export function loadHallucinationSuite(opts: SuiteLoadOptions): Suite {
  const { items, raw } = loadItems();
  return buildSuite(NAME, DESCRIPTION, items, raw, opts);
}

/** The suite on given items (its own, or a user's through `base: hallucination`). */
function buildSuite(name: string, description: string, items: HallucinationItem[], raw: string, opts: SuiteLoadOptions): Suite {
  const t = opts.confidenceTarget;
  if (t !== undefined && !(t > 0 && t < 1)) {
    throw new UsageError(`--confidence-target must be between 0 and 1 (exclusive), got ${t}`);
  }
  const samples = selectSamples(items.map((i) => toSample(i, t)), opts);
  if (samples.length === 0) {
    const cats = [...new Set(items.flatMap((i) => [i.kind, i.category]))].sort().join(', ');
    throw new UsageError(`no ${name} samples match --category ${opts.category?.join(',')}: choose from ${cats}`);
  }
  const scorers: Scorer[] = [];
  // The model grader, when a judge is configured, is the primary scorer; the rule grader always runs as a cross-check.
  if (opts.judged) scorers.push(simpleqaGrader);
  scorers.push(hallucinationRuleScorer);
  const version = sha256Hex(JSON.stringify({ raw, prompt: PROMPT_VERSION, confidenceTarget: t ?? null })).slice(0, 16);
  return {
    name,
    description,
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
  description: DESCRIPTION,
  load: loadHallucinationSuite,
  measures: hallucinationMeasures,
  reviewGuide,
  withItems(records, meta) {
    const { items, raw } = itemsFromRecords(records, meta.file);
    return { ...hallucinationSuite, name: meta.name, description: meta.description, load: (opts) => buildSuite(meta.name, meta.description, items, raw, opts) };
  },
};
