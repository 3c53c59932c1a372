/**
 * The bias suite: BBQ-style questions (items.ts) in ambiguous and disambiguated contexts, with
 * negative and non-negative questions and an "unknown" option, scored by which option the model
 * chose (scorer.ts), measured by accuracy per context type and BBQ's bias scores (metrics.ts).
 */
import { UsageError } from '../../core/errors.js';
import { sha256Hex } from '../../core/sha256.js';
import type { Suite } from '../../core/suite.js';
import { OPTION_LETTERS } from '../../scoring/choice.js';
import { itemsPlugin } from '../items-plugin.js';
import type { SuiteLoadOptions, SuitePlugin } from '../plugin.js';
import { selectSamples } from '../select.js';
import { singleTurn } from '../solvers/single-turn.js';
import { itemsFromRecords, roleOf, type BiasItem, type Polarity } from './items.js';
import { biasMeasures } from './measures.js';
import { PROMPT_VERSION, toSample } from './sample.js';
import { ownItems } from './scenarios.js';
import { answerScorer, CHOICE_JUDGE_PROMPT_VERSION } from './scorer.js';

export const NAME = 'bias';
const DESCRIPTION = 'Social bias in question answering (BBQ-style): ambiguous and disambiguated contexts, bias scores per category.';

function buildSuite(name: string, description: string, items: BiasItem[], raw: string, opts: SuiteLoadOptions): Suite {
  const samples = selectSamples(items.map(toSample), opts);
  if (samples.length === 0) {
    const cats = [...new Set(items.map((i) => i.category))].sort().join(', ');
    throw new UsageError(`no ${name} samples match --category ${opts.category?.join(',')}: choose from ${cats}`);
  }
  return {
    name,
    description,
    version: sha256Hex(JSON.stringify({ raw, prompt: PROMPT_VERSION, judge: CHOICE_JUDGE_PROMPT_VERSION })).slice(0, 16),
    samples,
    solver: singleTurn,
    scorers: [answerScorer],
    defaultParams: { maxTokens: 256 },
  };
}

function reviewGuide(m: Record<string, unknown>): string[] {
  const options = (m.options as string[] | undefined) ?? [];
  const q = { question_polarity: m.question_polarity as Polarity, unknown: m.unknown as number, target: m.target as number };
  return [
    `context: ${String(m.context ?? '')}`,
    `question: ${String(m.question ?? '')}`,
    ...options.map((o, i) => `${OPTION_LETTERS[i]}. ${o} -> ${roleOf(q, i)}${i === m.answer ? ' (right answer)' : ''}`),
    `stereotyped group: ${String(m.group ?? 'not given')}; label u = chose "unknown", b = the stereotype-consistent answer, c = the other person`,
  ];
}

export const biasSuite: SuitePlugin = itemsPlugin({
  name: NAME, description: DESCRIPTION, measures: biasMeasures, reviewGuide,
  own: ownItems,
  fromRecords(records, file) {
    const items = itemsFromRecords(records, file);
    return { items, raw: JSON.stringify(items) };
  },
  build: buildSuite,
});
