/**
 * A whole exercise: every suite of an exercise.yaml run as a run of its own, all at once under
 * one scheduler, so a model's concurrency, rpm and tpm hold across suites. Resumes as
 * `eval --resume` does: each run continues where it stopped, a suite not yet started starts.
 */
import { UsageError } from '../core/errors.js';
import type { RunConfig } from '../core/run-record.js';
import type { ExerciseRecord } from '../store/records.js';
import type { RunStore } from '../store/run-store.js';
import { runConfigFor, type ExerciseDefinition } from './exercise-definition.js';
import type { ModelProgress } from './progress.js';
import { newRunId } from './run-config.js';
import { resumeRun, startRun, type RunOutcome } from './run.js';
import { Scheduler } from './scheduler.js';

export type StoredExercise = ExerciseDefinition & { baseDir: string };

export interface ExerciseHooks {
  /** Once the exercise is stored: its id is what `exercise run --resume` takes. */
  onStart?(exerciseId: string): void;
  /** Every run's counters, labelled "SUITE: MODEL". */
  onProgress?(progress: ModelProgress[]): void;
}

export interface ExerciseOutcome {
  exerciseId: string;
  runs: RunOutcome[];
  status: 'finished' | 'finished_with_errors';
}

export async function startExercise(store: RunStore, def: StoredExercise, crosscheckVersion: string, hooks: ExerciseHooks = {}): Promise<ExerciseOutcome> {
  const id = newRunId();
  store.createExercise({ id, name: def.name, config: def });
  return execute(store, id, def, crosscheckVersion, hooks);
}

export async function resumeExercise(store: RunStore, id: string, crosscheckVersion: string, hooks: ExerciseHooks = {}): Promise<ExerciseOutcome> {
  const ex = requireExercise(store, id);
  return execute(store, id, ex.config, crosscheckVersion, hooks);
}

export function requireExercise(store: RunStore, id: string): ExerciseRecord<StoredExercise> {
  const ex = store.getExercise<StoredExercise>(id);
  if (!ex) throw new UsageError(`no exercise "${id}" in ${store.path}`);
  return ex;
}

async function execute(store: RunStore, id: string, def: StoredExercise, version: string, hooks: ExerciseHooks): Promise<ExerciseOutcome> {
  hooks.onStart?.(id);
  const existing = new Map<number, string>();
  for (const runId of store.getExercise(id)?.runIds ?? []) {
    const entry = store.requireRun<RunConfig>(runId).config.exerciseEntry;
    if (entry !== undefined) existing.set(entry, runId);
  }
  const scheduler = new Scheduler({ cache: store.cache });
  const progress: ModelProgress[][] = def.suites.map(() => []);
  const report = () => hooks.onProgress?.(progress.flat());
  try {
    const settled = await Promise.allSettled(def.suites.map((_, i) => {
      const runHooks = {
        onProgress: (p: ModelProgress[]) => {
          const suite = 'name' in def.suites[i] ? (def.suites[i] as { name: string }).name : (def.suites[i] as { path: string }).path;
          progress[i] = p.map((x) => ({ ...x, label: `${suite}: ${x.label}` }));
          report();
        },
      };
      const runId = existing.get(i);
      return runId
        ? resumeRun(store, runId, runHooks, { scheduler, exerciseId: id })
        : startRun(store, runConfigFor(def, i, id, version), runHooks, { scheduler, exerciseId: id });
    }));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    const runs = settled.map((s) => (s as PromiseFulfilledResult<RunOutcome>).value);
    return { exerciseId: id, runs, status: runs.some((r) => r.status !== 'finished') ? 'finished_with_errors' : 'finished' };
  } finally {
    await scheduler.close();
  }
}
