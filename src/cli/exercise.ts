import { UsageError } from '../core/errors.js';
import { buildExerciseReport, renderExerciseMarkdown } from '../report/exercise-report.js';
import { readExercise } from '../runner/exercise-definition.js';
import { requireExercise, resumeExercise, startExercise, type ExerciseOutcome } from '../runner/exercise.js';
import { choiceFlag, parse } from './args.js';
import { ProgressBar } from './progress-bar.js';
import { openStore } from './store-flag.js';
import { CROSSCHECK_VERSION } from './version.js';

export const EXERCISE_USAGE = `crosscheck exercise run exercise.yaml [--store PATH] [--quiet]
crosscheck exercise run --resume ID [--store PATH]
crosscheck exercise report ID [--format md|json] [--store PATH]
Runs every suite of an exercise file on every model, with one judge panel, under one scheduler
(a model's limits hold across suites), and reports them together. Format: README, "A whole exercise".`;

const options = { store: { type: 'string' }, resume: { type: 'string' }, quiet: { type: 'boolean' }, format: { type: 'string' } } as const;

export async function exerciseCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, options, 'exercise');
  const [sub, arg, ...rest] = positionals;
  if (sub === 'report') {
    if (!arg || rest.length) throw new UsageError('exercise report takes one exercise id: crosscheck exercise report ID');
    const format = choiceFlag(values.format, 'format', ['md', 'json'] as const) ?? 'md';
    const store = openStore(values.store);
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
  const def = arg ? readExercise(arg) : undefined;
  const store = openStore(values.store);
  const bar = new ProgressBar(process.stderr, !values.quiet);
  let id: string | undefined;
  try {
    const hooks = { onStart: (x: string) => { id = x; process.stderr.write(`exercise ${x}\n`); }, onProgress: (p: Parameters<ProgressBar['update']>[0]) => bar.update(p) };
    const outcome: ExerciseOutcome = def ? await startExercise(store, def, CROSSCHECK_VERSION, hooks) : await resumeExercise(store, values.resume!, CROSSCHECK_VERSION, hooks);
    bar.finish();
    const report = buildExerciseReport(store, outcome.exerciseId, requireExercise(store, outcome.exerciseId));
    process.stdout.write(renderExerciseMarkdown(report));
    process.stdout.write(`\nexercise id: ${outcome.exerciseId}\n`);
    if (outcome.status !== 'finished') {
      process.stderr.write(`error: some samples failed; \`crosscheck exercise run --resume ${outcome.exerciseId}\` retries them\n`);
      return 2;
    }
    return 0;
  } catch (err) {
    bar.finish();
    if (id) process.stderr.write(`exercise ${id} stopped; finished samples are saved: crosscheck exercise run --resume ${id}\n`);
    throw err;
  } finally {
    store.close();
  }
}
