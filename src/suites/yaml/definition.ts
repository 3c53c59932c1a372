/**
 * The suite.yaml format: a suite without code. The schema (zod) checks every field's type and
 * rejects unknown fields, so a typo is an error, not a silently ignored option. Cross-field
 * checks (labels a metric uses that no scorer produces, unknown placeholders) are in check.ts.
 */
import { z } from 'zod';

const name = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lower-case letters, digits, - or _ (it names the suite in the store)');
const label = z.string().regex(/^[A-Za-z0-9][\w-]*$/, 'a label is letters, digits, _ or -');
const labels = z.array(label).min(1);

const outcome = z.strictObject({
  label,
  title: z.string().optional(),
  safety: z.enum(['safe', 'unsafe']).optional(),
  favourable: z.boolean().optional(),
  key: z.string().length(1).optional(),
});

const scorerBase = { name: name.optional() };

export const scorerSchema = z.discriminatedUnion('type', [
  /** The target answer (any alias) appears in the response, normalised: `correct`, else `incorrect`. */
  z.strictObject({ ...scorerBase, type: z.literal('match'), mode: z.enum(['contains', 'exact']).default('contains') }),
  /** A regular expression over the response: one label when it matches, another when not. */
  z.strictObject({
    ...scorerBase, type: z.literal('regex'), pattern: z.string().min(1), flags: z.string().regex(/^[imsu]*$/).default('i'),
    labels: z.strictObject({ match: label, otherwise: label }),
  }),
  /**
   * A multiple-choice answer read by rule (letters A, B, ... for the item fields in `options`, in
   * order; or an option's own words): `correct` when it is the target (the right letter), else
   * `incorrect`; `unscored` when no single option can be read.
   */
  z.strictObject({ ...scorerBase, type: z.literal('choice'), options: z.array(z.string().regex(/^[A-Za-z_][\w-]*$/, 'an option is an item field name')).min(2).max(8) }),
  /** The offline refusal detector: `complied`, `refused` or `partial`. */
  z.strictObject({ ...scorerBase, type: z.literal('refusal') }),
  /** A judge panel picks one of `labels` for each response, prompted with `prompt`. */
  z.strictObject({ ...scorerBase, type: z.literal('classify'), prompt: z.string().min(1), labels }),
  /** A judge panel marks each criterion met / not met; score = points earned / positive points available. */
  z.strictObject({
    ...scorerBase, type: z.literal('rubric'),
    instructions: z.string().optional(),
    criteria: z.array(z.strictObject({
      id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'a criterion id is lower-case letters, digits, - or _'),
      text: z.string().min(1),
      points: z.number().refine((p) => p !== 0, 'points must not be 0 (positive for what should happen, negative for what must not)'),
    })).min(1),
    /** With a pass mark, the outcome is `pass` / `fail`; without, it is `scored` and the score is the number. */
    pass: z.number().min(0).max(1).optional(),
  }),
], { error: (issue) => (issue.code === 'invalid_union' ? 'unknown scorer type: use match, regex, choice, refusal, classify or rubric' : undefined) });

export const metricSchema = z.union([
  z.strictObject({ proportion: labels, among: labels.optional(), scorer: name.optional(), name: name.optional(), title: z.string().optional() }),
  z.strictObject({ mean: name, detail: z.string().optional(), name: name.optional(), title: z.string().optional() }),
  z.strictObject({ count: z.enum(['scored', 'unscored', 'total']), scorer: name.optional(), name: name.optional(), title: z.string().optional() }),
], { error: () => 'a metric is one of {proportion: [labels]}, {mean: SCORER}, {count: scored|unscored|total}' });

export const suiteSchema = z.strictObject({
  name,
  description: z.string().min(1),
  items: z.string().regex(/\.(jsonl|csv)$/i, 'items must be a .jsonl or .csv file, relative to the suite folder'),
  fields: z.strictObject({
    id: z.string().default('id'),
    input: z.string().default('input'),
    target: z.string().default('target'),
  }).prefault({}),
  system: z.string().optional(),
  /** The user message, with {{field}} placeholders for item fields; `{{input}}` when absent. */
  prompt: z.string().optional(),
  /** Follow-up user turns after the first answer (a scripted multi-turn conversation). */
  turns: z.array(z.string().min(1)).optional(),
  params: z.strictObject({
    temperature: z.number().min(0).max(2).optional(),
    maxTokens: z.number().int().positive().optional(),
    topP: z.number().gt(0).max(1).optional(),
    seed: z.number().int().optional(),
  }).optional(),
  scorers: z.array(scorerSchema).min(1),
  outcomes: z.array(outcome).min(1).optional(),
  groups: z.array(z.string().regex(/^[A-Za-z_][\w-]*$/, 'a grouping key is an item field name')).optional(),
  metrics: z.array(metricSchema).optional(),
  headline: z.array(name).optional(),
});

export type SuiteDefinition = z.output<typeof suiteSchema>;
export type ScorerDefinition = SuiteDefinition['scorers'][number];
export type MetricDefinition = NonNullable<SuiteDefinition['metrics']>[number];

/** The name a scorer is stored under: its own `name`, else its type. */
export function scorerName(s: ScorerDefinition): string {
  return s.name ?? s.type;
}

/** The labels a scorer can give (besides `unscored`). */
export function scorerLabels(s: ScorerDefinition): string[] {
  switch (s.type) {
    case 'match': case 'choice': return ['correct', 'incorrect'];
    case 'regex': return [s.labels.match, s.labels.otherwise];
    case 'refusal': return ['complied', 'refused', 'partial'];
    case 'classify': return s.labels;
    case 'rubric': return s.pass === undefined ? ['scored'] : ['pass', 'fail'];
  }
}

/** Scorers graded by the run's judges. */
export function isJudged(s: ScorerDefinition): boolean {
  return s.type === 'classify' || s.type === 'rubric';
}

/**
 * A suite.yaml that runs a shipped suite on other items (an imported public dataset, a lab's own
 * items): `base` names the suite, whose solver, scorers and metrics are used unchanged.
 */
export const basedSuiteSchema = z.strictObject({
  name,
  description: z.string().min(1),
  base: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'the name of a shipped suite (see crosscheck suites)'),
  items: z.string().regex(/\.(jsonl|csv)$/i, 'items must be a .jsonl or .csv file, relative to the suite folder'),
  /** Where the items came from (an importer writes it): source, licence, date. */
  source: z.record(z.string(), z.string()).optional(),
});

export type BasedSuiteDefinition = z.output<typeof basedSuiteSchema>;
