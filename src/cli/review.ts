import { createInterface } from 'node:readline';
import { UsageError } from '../core/errors.js';
import { parseModelRef } from '../core/model-ref.js';
import type { Outcome } from '../core/outcome.js';
import type { RunConfig } from '../runner/run-config.js';
import { blind } from '../scoring/blind.js';
import { loadSuite } from '../suites/index.js';
import type { ReviewCandidate, ReviewFilter } from '../store/records.js';
import type { SqliteStore } from '../store/sqlite-store.js';
import { parse, choiceFlag } from './args.js';
import { openStore } from './store-flag.js';

const options = { where: { type: 'string' }, model: { type: 'string' }, store: { type: 'string' } } as const;

export const REVIEW_USAGE = `crosscheck review RUN [--where disagree|unscored|all] [--model LABEL] [--store PATH]
Shows each item (blind: the model is not named) with the judges' grades and asks for a label:
  c = correct, i = incorrect, a = abstained, s = skip, q = quit.
A human label is stored beside the judges' and takes precedence in metrics, marked as human.`;

const KEYS: Record<string, Outcome> = { c: 'correct', i: 'incorrect', a: 'abstained' };

export async function reviewCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, options, 'review');
  if (positionals.length !== 1) throw new UsageError('review takes one run id: crosscheck review RUN');
  const where = choiceFlag(values.where, 'where', ['disagree', 'unscored', 'all'] as const) ?? 'disagree';
  const store = openStore(values.store);
  try {
    return await review(store, positionals[0], where, values.model);
  } finally {
    store.close();
  }
}

async function review(store: SqliteStore, runId: string, where: ReviewFilter, model?: string): Promise<number> {
  const run = store.requireRun<RunConfig>(runId);
  const labels = run.config.targets.map((t) => t.label);
  if (model && !labels.includes(model)) throw new UsageError(`run ${runId} has no model "${model}": it has ${labels.join(', ')}`);
  const primary = run.config.judges.length ? 'model-grader' : 'rule';
  const items = [...store.reviewCandidates(runId, primary, where, model)];
  if (items.length === 0) {
    process.stdout.write(`nothing to review in run ${runId} (--where ${where})${where === 'disagree' ? '; try --where unscored or --where all' : ''}\n`);
    return 0;
  }
  const names = run.config.targets.map((t) => parseModelRef(t.ref).model);
  const suite = loadSuite(run.config.suite, { ...run.config.suiteOptions, judged: false });
  const answers = new Map(suite.samples.map((s) => [s.id, s.target]));
  const lines = createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();
  let labelled = 0;
  for (const [i, item] of items.entries()) {
    process.stdout.write(describe(store, runId, item, names, answers.get(item.sampleId) ?? [], `${i + 1}/${items.length}`));
    const answer = await ask(lines);
    if (answer === undefined || answer === 'q') break;
    if (answer === 's') continue;
    store.setHumanLabel(runId, item.model, item.sampleId, item.epoch, KEYS[answer], 'human review');
    labelled++;
  }
  process.stdout.write(`\nstored ${labelled} human label${labelled === 1 ? '' : 's'} in run ${runId}; \`crosscheck report ${runId}\` uses them\n`);
  return 0;
}

/** Reads until a valid key; undefined at end of input. */
async function ask(lines: AsyncIterator<string>): Promise<string | undefined> {
  for (;;) {
    process.stdout.write('label? [c]orrect [i]ncorrect [a]bstained [s]kip [q]uit > ');
    const next = await lines.next();
    if (next.done) return undefined;
    const key = next.value.trim().toLowerCase().slice(0, 1);
    if (key in KEYS || key === 's' || key === 'q') return key;
  }
}

function describe(store: SqliteStore, runId: string, item: ReviewCandidate, names: string[], answers: string[], position: string): string {
  const m = item.metadata;
  const gold = m.kind === 'false_premise' ? `correction: ${String(m.correction ?? '')}`
    : m.kind === 'nonexistent' ? `this entity does not exist (${String(m.entity ?? '')}); declining is right`
    : `accepted answers: ${answers.join(' | ')}`;
  const scores = store.scoresForSample(runId, item.model, item.sampleId, item.epoch).map((s) => {
    const why = s.unscoredReason ?? s.explanation ?? '';
    return `  ${s.scorer}: ${s.outcome}${why ? ` (${why.slice(0, 120)})` : ''}`;
  });
  return [
    '',
    `[${position}] sample ${item.sampleId}, epoch ${item.epoch} (${String(m.kind ?? '')}, ${String(m.category ?? '')})`,
    `question: ${String(m.question ?? '')}`,
    gold,
    `response: ${blind(item.output, names).text}`,
    'grades:',
    ...scores,
    '',
  ].join('\n');
}
