import { setMaxListeners } from 'node:events';
import { UsageError } from '../core/errors.js';
import { parseModelRef } from '../core/model-ref.js';
import type { ModelSpec, RunConfig } from '../core/run-record.js';
import type { Suite } from '../core/suite.js';
import { createProvider } from '../models/registry.js';
import type { FailureCount, StoredTranscript } from '../store/records.js';
import { sampleKey, type RunStore } from '../store/run-store.js';
import { HEARTBEAT_MS } from '../store/run-liveness.js';
import { pluginForRun } from '../suites/index.js';
import { CircuitBreaker, DEFAULT_STOP_AFTER_FAILURES } from './circuit-breaker.js';
import { checkGrading, DEFAULT_MIN_SCORED_SHARE, type GradingCheck } from './grading-check.js';
import { InFlightCalls } from './in-flight.js';
import { newProgress, type ModelProgress } from './progress.js';
import { newRunId } from './run-config.js';
import { runSample, roleKey, judgeKey, oneLine } from './run-sample.js';
import { Scheduler } from './scheduler.js';
import { runPool } from './worker-pool.js';

export interface RunHooks {
  /** Called once with every model's counters, then whenever they change. */
  onProgress?(progress: ModelProgress[]): void;
  /** Called once the run is in the store, before the first sample: its id is what `--resume` takes. */
  onStart?(runId: string): void;
  /**
   * Stops the run (Ctrl-C): calls in flight end at once, finished samples stay saved, the run is
   * stored as `stopped` and the outcome says so. The abort reason names what stopped it.
   */
  signal?: AbortSignal;
}

export interface RunOutcome {
  runId: string;
  progress: ModelProgress[];
  /** `stopped`: interrupted, or a model's work ended by the circuit breaker (`stopReason` says which). */
  status: 'finished' | 'finished_with_errors' | 'stopped';
  stopReason?: string;
  /** Failed samples counted by model and kind of error (`HTTP 500`, `ECONNREFUSED`...). */
  failures: FailureCount[];
  /** How much of what finished the primary scorer graded; `failing` models are below the threshold. */
  grading: GradingCheck;
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
  judging: Pick<RunConfig, 'judges' | 'panel'> & Partial<Pick<RunConfig, 'minScoredShare' | 'stopAfterFailures'>>,
  hooks: RunHooks = {},
): Promise<RunOutcome> {
  const source = store.requireRun<RunConfig>(sourceRunId);
  const config: RunConfig = { ...source.config, ...judging, rescoredFrom: sourceRunId };
  return execute(store, { id: newRunId(), config, isNew: true, suiteVersion: source.suiteVersion }, hooks, {});
}

/** Finishes a stored run: only the samples not yet done are run. A run another process is running is refused. */
export async function resumeRun(store: RunStore, runId: string, hooks: RunHooks = {}, env: RunEnvironment = {}): Promise<RunOutcome> {
  const run = store.requireRun<RunConfig>(runId);
  if (run.status === 'running') {
    const by = run.owner ? ` by process ${run.owner.pid} on ${run.owner.host} (heartbeat ${run.owner.heartbeatAt})` : '';
    throw new UsageError(`run ${runId} is being run${by}: stop that process first, or wait for it to finish`);
  }
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
    try {
      return await runSamples(store, runId, config, suite, scheduler, hooks);
    } catch (err) {
      // Whatever stopped it (a bad key, a judge no retry can fix), the run must not stay `running`.
      try {
        store.setRunStatus(runId, 'stopped', `stopped by an error no retry can fix: ${oneLine(err)}`);
      } catch {
        // The store itself failed: the error thrown says why.
      }
      throw err;
    }
  } finally {
    if (!env.scheduler) await scheduler.close();
  }
}

/** Every target's pending samples through the pool; the run's status, failures and grading at the end. */
async function runSamples(store: RunStore, runId: string, config: RunConfig, suite: Suite, scheduler: Scheduler, hooks: RunHooks): Promise<RunOutcome> {
  const source = config.rescoredFrom;
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
  store.setExpectedSamples(runId, Object.fromEntries(progress.map((p) => [p.label, p.total])));
  const inFlight = config.targets.map(() => new InFlightCalls());
  const breakers = config.targets.map((spec) => new CircuitBreaker(config.stopAfterFailures ?? DEFAULT_STOP_AFTER_FAILURES, spec.label));
  const report = () => {
    progress.forEach((p, i) => Object.assign(p, { inFlight: inFlight[i].count, oldestWaitMs: inFlight[i].oldestWaitMs() }));
    hooks.onProgress?.(progress);
  };
  report();

  // Every call in flight listens to the stop signal: one internal signal, linked once to the caller's.
  const stopping = new AbortController();
  setMaxListeners(0, stopping.signal);
  const stop = () => stopping.abort(hooks.signal!.reason);
  if (hooks.signal?.aborted) stop();
  hooks.signal?.addEventListener('abort', stop, { once: true });
  const signal = stopping.signal;
  let fatal: unknown;
  // The heartbeat tells readers this process still runs the run; the tick redraws progress while calls wait.
  const heartbeat = setInterval(() => store.heartbeat(runId), HEARTBEAT_MS).unref();
  const tick = setInterval(report, 1000).unref();
  try {
    await Promise.all(
      config.targets.map((spec, i) =>
        runPool(
          source === undefined ? pending(suite, config.epochs, spec.label, done) : stored(store, source, suite, spec.label, done),
          spec.limits.concurrency,
          async ({ sample, epoch, transcript }) => {
            try {
              const end = await runSample({ store, scheduler, suite, config, runId, spec, sample, epoch, transcript, progress: progress[i], inFlight: inFlight[i], signal });
              breakers[i].record(end.failed ? end.kind : undefined);
              progress[i].stopped ??= breakers[i].summary;
            } catch (err) {
              // runSample records a sample's own failures; what reaches here (a bad key, an unknown
              // model, a judge no retry can fix, a store that cannot write) would repeat on every sample.
              fatal ??= err;
            }
            report();
          },
          () => fatal !== undefined || breakers[i].open || signal.aborted,
        ),
      ),
    );
  } finally {
    clearInterval(heartbeat);
    clearInterval(tick);
    hooks.signal?.removeEventListener('abort', stop);
  }

  const finish = (status: RunOutcome['status'], stopReason?: string): RunOutcome => {
    store.setRunStatus(runId, status, stopReason);
    const primary = suite.scorers[0];
    const title = pluginForRun(config).measures.scorers.find((s) => s.name === primary.name)?.title ?? primary.name;
    const grading = checkGrading(store, runId, { name: primary.name, title }, config.minScoredShare ?? DEFAULT_MIN_SCORED_SHARE);
    return { runId, progress, status, ...(stopReason ? { stopReason } : {}), failures: store.failureKinds(runId), grading };
  };
  if (signal.aborted) return finish('stopped', `interrupted (${reasonOf(signal)})`);
  if (fatal !== undefined) throw fatal;
  const tripped = breakers.flatMap((b) => (b.reason ? [b.reason] : []));
  if (tripped.length) return finish('stopped', tripped.join('; '));
  return finish(progress.some((p) => p.errors > 0) ? 'finished_with_errors' : 'finished');
}

function reasonOf(signal: AbortSignal): string {
  return signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'aborted');
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
