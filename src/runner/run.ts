import { UsageError } from '../core/errors.js';
import { parseModelRef } from '../core/model-ref.js';
import type { ModelSpec, RunConfig } from '../core/run-record.js';
import type { Suite } from '../core/suite.js';
import { createProvider } from '../models/registry.js';
import type { StoredTranscript } from '../store/records.js';
import { sampleKey, type RunStore } from '../store/run-store.js';
import { pluginForRun } from '../suites/index.js';
import { newProgress, type ModelProgress } from './progress.js';
import { newRunId } from './run-config.js';
import { runSample, roleKey, judgeKey } from './run-sample.js';
import { Scheduler } from './scheduler.js';
import { runPool } from './worker-pool.js';

export interface RunHooks {
  /** Called once with every model's counters, then whenever they change. */
  onProgress?(progress: ModelProgress[]): void;
  /** Called once the run is in the store, before the first sample: its id is what `--resume` takes. */
  onStart?(runId: string): void;
}

export interface RunOutcome {
  runId: string;
  progress: ModelProgress[];
  status: 'finished' | 'finished_with_errors';
}

/** Where a run's model calls go: its own scheduler, or one shared by an exercise's runs (limits shared). */
export interface RunEnvironment {
  scheduler?: Scheduler;
  exerciseId?: string;
}

/**
 * Runs (or resumes) a stored run: every target × sample × epoch not yet done in the store.
 * Each sample is committed in one transaction before it is counted, so a killed process loses
 * at most the samples in flight, and those are simply run again on resume.
 */
export async function startRun(store: RunStore, config: RunConfig, hooks: RunHooks = {}, env: RunEnvironment = {}): Promise<RunOutcome> {
  return execute(store, { id: newRunId(), config, isNew: true }, hooks, env);
}

/**
 * Grades a stored run's answers again with other judges, into a new run: no target is called,
 * and the suite version must be the one the answers were produced with.
 */
export async function rescoreRun(
  store: RunStore,
  sourceRunId: string,
  judging: Pick<RunConfig, 'judges' | 'panel'>,
  hooks: RunHooks = {},
): Promise<RunOutcome> {
  const source = store.requireRun<RunConfig>(sourceRunId);
  const config: RunConfig = { ...source.config, ...judging, rescoredFrom: sourceRunId };
  return execute(store, { id: newRunId(), config, isNew: true, suiteVersion: source.suiteVersion }, hooks, {});
}

/** Finishes a stored run: only the samples not yet done are run. */
export async function resumeRun(store: RunStore, runId: string, hooks: RunHooks = {}, env: RunEnvironment = {}): Promise<RunOutcome> {
  const run = store.requireRun<RunConfig>(runId);
  return execute(store, { id: runId, config: run.config, isNew: false, suiteVersion: run.suiteVersion }, hooks, env);
}

/** The run's suite, loaded as the run configured it, with the scorers the run can use. */
export function loadRunSuite(config: RunConfig): Suite {
  const judged = config.judges.length > 0;
  const suite = pluginForRun(config).load({ ...config.suiteOptions, judged });
  return { ...suite, scorers: suite.scorers.filter((s) => judged || !s.needsJudge) };
}

async function execute(
  store: RunStore,
  run: { id: string; config: RunConfig; isNew: boolean; suiteVersion?: string },
  hooks: RunHooks,
  env: RunEnvironment,
): Promise<RunOutcome> {
  const { config, id: runId } = run;
  const suite = loadRunSuite(config);
  if (run.suiteVersion !== undefined && suite.version !== run.suiteVersion) {
    throw new UsageError(
      `run ${runId} used ${config.suite} version ${run.suiteVersion}, but the suite is now version ${suite.version}: results would mix versions`,
    );
  }
  for (const role of suite.roles ?? []) {
    if (!config.roles?.[role] && config.rescoredFrom === undefined) {
      throw new UsageError(`suite ${suite.name} needs a model in the ${role} role: add --${role} PROVIDER:MODEL`);
    }
  }

  const scheduler = env.scheduler ?? new Scheduler({ cache: store.cache });
  try {
    // Create every provider before the run is stored, so a bad ref or a missing key leaves nothing behind.
    // A rescore calls judges only: the targets' (and simulated users') messages come from the store.
    const source = config.rescoredFrom;
    if (source === undefined) {
      for (const spec of config.targets) await addModel(scheduler, spec.label, spec, config);
      for (const role of suite.roles ?? []) await addModel(scheduler, roleKey(role, config.roles![role]!.label), config.roles![role]!, config);
    }
    for (const spec of config.judges) await addModel(scheduler, judgeKey(spec.label), spec, config);
    if (run.isNew) store.createRun({ id: runId, suite: suite.name, suiteVersion: suite.version, config, exerciseId: env.exerciseId });
    hooks.onStart?.(runId);

    store.setRunStatus(runId, 'running');
    const done = store.doneKeys(runId);
    const sourceCounts = source === undefined ? [] : store.sampleCounts(source);
    const progress = config.targets.map((spec) => {
      let skipped = 0;
      for (const key of done) if (key.startsWith(`${spec.label}\u0000`)) skipped++;
      const total = source === undefined
        ? suite.samples.length * config.epochs
        : sourceCounts.find((c) => c.model === spec.label && c.status === 'done')?.n ?? 0;
      return newProgress(spec.label, total, skipped);
    });
    const report = () => {
      config.targets.forEach((spec, i) => (progress[i].retries = scheduler.has(spec.label) ? scheduler.stats(spec.label).retries : 0));
      hooks.onProgress?.(progress);
    };
    report();

    let fatal: unknown;
    const stop = () => fatal !== undefined;
    await Promise.all(
      config.targets.map((spec, i) =>
        runPool(
          source === undefined ? pending(suite, config.epochs, spec.label, done) : stored(store, source, suite, spec.label, done),
          spec.limits.concurrency,
          async ({ sample, epoch, transcript }) => {
            try {
              await runSample({ store, scheduler, suite, config, runId, spec, sample, epoch, transcript, progress: progress[i] });
            } catch (err) {
              // runSample records a sample's own failures; what reaches here (a bad key, an unknown
              // model, a judge no retry can fix, a store that cannot write) would repeat on every sample.
              fatal ??= err;
            }
            report();
          },
          stop,
        ),
      ),
    );
    if (fatal !== undefined) throw fatal;

    const errors = progress.reduce((n, p) => n + p.errors, 0);
    const status = errors > 0 ? 'finished_with_errors' : 'finished';
    store.setRunStatus(runId, status);
    return { runId, progress, status };
  } finally {
    if (!env.scheduler) await scheduler.close();
  }
}

/** Models being added to each scheduler: runs of one exercise start together and add the same models. */
const adding = new WeakMap<Scheduler, Map<string, Promise<void>>>();

async function addModel(scheduler: Scheduler, key: string, spec: ModelSpec, config: RunConfig): Promise<void> {
  // An exercise's runs share one scheduler: a model already there keeps its limits across suites.
  if (scheduler.has(key)) return;
  let pending = adding.get(scheduler);
  if (!pending) adding.set(scheduler, (pending = new Map()));
  const inFlight = pending.get(key);
  if (inFlight) return inFlight;
  const add = (async () => {
    const provider = await createProvider(parseModelRef(spec.ref), { threads: config.threads, stream: spec.stream });
    scheduler.add(key, provider, { ...spec.limits, timeoutMs: config.timeoutMs, maxRetries: config.maxRetries });
  })();
  pending.set(key, add);
  try {
    await add;
  } finally {
    pending.delete(key);
  }
}

interface Job {
  sample: Suite['samples'][number];
  epoch: number;
  /** Rescoring: the stored answer, graded again instead of calling the target. */
  transcript?: StoredTranscript;
}

function* pending(suite: Suite, epochs: number, label: string, done: Set<string>): Generator<Job> {
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (const sample of suite.samples) {
      if (!done.has(sampleKey(label, sample.id, epoch))) yield { sample, epoch };
    }
  }
}

function* stored(store: RunStore, sourceRun: string, suite: Suite, label: string, done: Set<string>): Generator<Job> {
  const byId = new Map(suite.samples.map((s) => [s.id, s]));
  for (const transcript of store.storedTranscripts(sourceRun, label)) {
    const sample = byId.get(transcript.sampleId);
    if (sample && !done.has(sampleKey(label, sample.id, transcript.epoch))) yield { sample, epoch: transcript.epoch, transcript };
  }
}
