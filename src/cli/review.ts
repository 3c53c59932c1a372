import { createInterface } from 'node:readline';
import { UsageError } from '../core/errors.js';
import { parseModelRef } from '../core/model-ref.js';
import { isFavourable, type OutcomeDecl } from '../core/measures.js';
import type { RunConfig } from '../core/run-record.js';
import { primaryScorerOf } from '../report/build-report.js';
import { loadRunSuite } from '../runner/run.js';
import { blind } from '../scoring/blind.js';
import { pluginForRun } from '../suites/index.js';
import type { SuitePlugin } from '../suites/plugin.js';
import type { ReviewCandidate, ReviewFilter } from '../store/records.js';
import type { RunStore } from '../store/run-store.js';
import { parse, choiceFlag } from './args.js';
import { openStore } from './store-flag.js';

const options = { where: { type: 'string' }, model: { type: 'string' }, store: { type: 'string' } } as const;

export const REVIEW_USAGE = `crosscheck review RUN [--where disagree|unscored|all] [--model LABEL] [--store PATH]
Shows each item (blind: the model is not named) with the judges' grades and asks for one of the
suite's outcome labels (hallucination: c = correct, i = incorrect, a = abstained), s = skip, q = quit.
A human label is stored beside the judges' and takes precedence in metrics, marked as human.
  --where disagree   items where the judges disagree or the panel could not decide (default)
  --where unscored   items the primary scorer left unscored
  --where all        every item
  --model LABEL      only this model's items
  --store PATH       the store RUN is in (default .crosscheck/crosscheck.db); it must exist`;

/** One key per outcome label: its declared key, else its first free letter. */
export function reviewKeys(outcomes: readonly OutcomeDecl[]): Map<string, OutcomeDecl> {
  const keys = new Map<string, OutcomeDecl>();
  for (const o of outcomes) {
    const key = [o.key, ...o.label.toLowerCase()].find((k) => k && /^[a-z0-9]$/.test(k) && !keys.has(k) && k !== 's' && k !== 'q');
    if (!key) throw new UsageError(`review: no free key for outcome "${o.label}"`);
    keys.set(key, o);
  }
  return keys;
}

export async function reviewCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, options, 'review');
  if (positionals.length !== 1) throw new UsageError('review takes one run id: crosscheck review RUN');
  const where = choiceFlag(values.where, 'where', ['disagree', 'unscored', 'all'] as const) ?? 'disagree';
  const store = openStore(values.store, { mustExist: true });
  try {
    return await review(store, positionals[0], where, values.model);
  } finally {
    store.close();
  }
}

async function review(store: RunStore, runId: string, where: ReviewFilter, model?: string): Promise<number> {
  const run = store.requireRun<RunConfig>(runId);
  const labels = run.config.targets.map((t) => t.label);
  if (model && !labels.includes(model)) throw new UsageError(`run ${runId} has no model "${model}": it has ${labels.join(', ')}`);
  const plugin = pluginForRun(run.config);
  const primary = primaryScorerOf(plugin.measures, run.config).name;
  const keys = reviewKeys(plugin.measures.outcomes);
  const items = [...store.reviewCandidates(runId, primary, where, model)];
  if (items.length === 0) {
    process.stdout.write(`nothing to review in run ${runId} (--where ${where})${where === 'disagree' ? '; try --where unscored or --where all' : ''}\n`);
    return 0;
  }
  const names = run.config.targets.map((t) => parseModelRef(t.ref).model);
  const suite = loadRunSuite(run.config);
  const answers = new Map(suite.samples.map((s) => [s.id, s.target]));
  const lines = createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();
  let labelled = 0;
  for (const [i, item] of items.entries()) {
    process.stdout.write(describe(store, plugin, runId, item, names, answers.get(item.sampleId) ?? [], `${i + 1}/${items.length}`));
    const answer = await ask(lines, keys);
    if (answer === undefined || answer === 'q') break;
    if (answer === 's') continue;
    const outcome = keys.get(answer)!;
    // A favourable label is worth 1 and any other 0, as the graders' values are for binary outcomes.
    const value = isFavourable(outcome) ? 1 : 0;
    store.setHumanLabel(runId, item.model, item.sampleId, item.epoch, outcome.label, value, 'human review');
    labelled++;
  }
  process.stdout.write(`\nstored ${labelled} human label${labelled === 1 ? '' : 's'} in run ${runId}; \`crosscheck report ${runId}\` uses them\n`);
  return 0;
}

/** Reads until a valid key; undefined at end of input. */
async function ask(lines: AsyncIterator<string>, keys: Map<string, OutcomeDecl>): Promise<string | undefined> {
  const menu = [...keys].map(([k, o]) => `${k} = ${o.label}`).join(', ');
  for (;;) {
    process.stdout.write(`label? ${menu}, s = skip, q = quit > `);
    const next = await lines.next();
    if (next.done) return undefined;
    const key = next.value.trim().toLowerCase().slice(0, 1);
    if (keys.has(key) || key === 's' || key === 'q') return key;
  }
}

function describe(store: RunStore, plugin: SuitePlugin, runId: string, item: ReviewCandidate, names: string[], answers: string[], position: string): string {
  const m = item.metadata;
  const guide = plugin.reviewGuide ? plugin.reviewGuide(m, answers) : [`metadata: ${JSON.stringify(m)}`, ...(answers.length ? [`target: ${answers.join(' | ')}`] : [])];
  const scores = store.scoresForSample(runId, item.model, item.sampleId, item.epoch).map((s) => {
    const why = s.unscoredReason ?? s.explanation ?? '';
    return `  ${s.scorer}: ${s.outcome}${why ? ` (${why.slice(0, 120)})` : ''}`;
  });
  return [
    '',
    `[${position}] sample ${item.sampleId}, epoch ${item.epoch} (${[m.kind, m.category].filter((x) => x !== undefined).map(String).join(', ')})`,
    ...guide,
    `response: ${blind(item.output, names).text}`,
    'grades:',
    ...scores,
    '',
  ].join('\n');
}
