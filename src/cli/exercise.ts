import { UsageError } from '../core/errors.js';
import { buildExerciseReport, renderExerciseMarkdown } from '../report/exercise-report.js';
import { readExercise } from '../runner/exercise-definition.js';
import { requireExercise, resumeExercise, startExercise, type ExerciseOutcome } from '../runner/exercise.js';
import { formatFlag, parse } from './args.js';
import { ProgressBar } from './progress-bar.js';
import { interruptible } from './interrupt.js';
import { failureLines, gradingLines } from './run-and-report.js';
import { openStore } from './store-flag.js';
import { CROSSCHECK_VERSION } from '../core/version.js';

export const EXERCISE_USAGE = `crosscheck exercise run exercise.yaml [--store PATH] [--quiet]
crosscheck exercise run --resume ID [--store PATH]
crosscheck exercise report ID [--format md|json] [--store PATH]

Runs every suite of an exercise file on every model, with one judge panel, under one scheduler
(a model's limits hold across suites), and reports them together. The file gives each model its
label, params and limits (README, "A whole exercise"; examples/exercises/).
  run FILE           start the exercise; prints its id and, at the end, one report across suites
  run --resume ID    finish a stopped exercise: each run continues where it stopped
  report ID          the report across its suites, from the store alone
  --format md|json   Markdown (default) or JSON (--json), for run and report
  --store PATH       the store (default .crosscheck/crosscheck.db); report needs an existing one
  --quiet            no progress lines`;

const options = {
  store: { type: 'string' }, resume: { type: 'string' }, quiet: { type: 'boolean' }, format: { type: 'string' }, json: { type: 'boolean' },
} as const;

export async function exerciseCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, options, 'exercise');
  const [sub, arg, ...rest] = positionals;
  if (sub === 'report') {
    if (!arg || rest.length) throw new UsageError('exercise report takes one exercise id: crosscheck exercise report ID');
    const format = formatFlag(values, ['md', 'json'] as const);
    const store = openStore(values.store, { mustExist: true });
    try {
      const report = buildExerciseReport(store, arg, requireExercise(store, arg));
      process.stdout.write(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderExerciseMarkdown(report));
      return 0;
    } finally {
      store.close();
    }
  }
  if (sub !== 'run' || rest.length || (!arg === !values.resume)) {
    throw new UsageError('exercise takes: exercise run FILE, exercise run --resume ID, or exercise report ID');
  }
  const format = formatFlag(values, ['md', 'json'] as const);
  const def = arg ? readExercise(arg) : undefined;
  const store = openStore(values.store, { mustExist: !def });
  const bar = new ProgressBar(process.stderr, !values.quiet);
  let id: string | undefined;
  const interrupt = interruptible();
  try {
    const hooks = {
      onStart: (x: string) => { id = x; process.stderr.write(`exercise ${x}\n`); },
      onProgress: (p: Parameters<ProgressBar['update']>[0]) => bar.update(p),
      signal: interrupt.signal,
    };
    const outcome: ExerciseOutcome = def ? await startExercise(store, def, CROSSCHECK_VERSION, hooks) : await resumeExercise(store, values.resume!, CROSSCHECK_VERSION, hooks);
    bar.finish();
    const report = buildExerciseReport(store, outcome.exerciseId, requireExercise(store, outcome.exerciseId));
    if (format === 'json') {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      process.stdout.write(renderExerciseMarkdown(report));
      process.stdout.write(`\nexercise id: ${outcome.exerciseId}\n`);
    }
    const resume = `crosscheck exercise run --resume ${outcome.exerciseId}`;
    const lines = outcome.runs.flatMap((r) => [...failureLines(r.failures), ...gradingLines(r.grading)].map((l) => `run ${r.runId}: ${l}`));
    if (outcome.status === 'stopped') {
      lines.push(...outcome.runs.filter((r) => r.status === 'stopped').map((r) => `run ${r.runId} stopped: ${r.stopReason}`));
      lines.push(`exercise ${outcome.exerciseId} stopped; finished samples are saved: \`${resume}\` runs the rest`);
    } else if (outcome.status === 'finished_with_errors') {
      lines.push(`some samples failed; \`${resume}\` retries them`);
    }
    for (const line of lines) process.stderr.write(`error: ${line}\n`);
    return interrupt.exitCode() ?? (lines.length ? 2 : 0);
  } catch (err) {
    bar.finish();
    if (id) process.stderr.write(`exercise ${id} stopped; finished samples are saved: crosscheck exercise run --resume ${id}\n`);
    throw err;
  } finally {
    interrupt.dispose();
    store.close();
  }
}
