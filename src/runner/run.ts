import { ConfigError, CrosscheckError, ProviderError, UsageError } from '../core/errors.js';
import type { ChatMessage } from '../core/messages.js';
import type { GenerateParams } from '../core/generation.js';
import { parseModelRef } from '../core/model-ref.js';
import type { GenerateFn, Sample, Score, ScorerContext, Suite, Transcript } from '../core/suite.js';
import { createProvider } from '../models/registry.js';
import type { StoredGeneration, StoredTranscript } from '../store/records.js';
import { sampleKey, type SqliteStore } from '../store/sqlite-store.js';
import { loadSuite } from '../suites/index.js';
import { newProgress, type ModelProgress } from './progress.js';
import { newRunId, type ModelSpec, type RunConfig } from './run-config.js';
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

/** Scheduler keys for judges, kept apart from targets so one model can be both with its own limits. */
const judgeKey = (label: string) => `\u0000judge:${label}`;

/**
 * Runs (or resumes) a stored run: every target × sample × epoch not yet done in the store.
 * Each sample is committed in one transaction before it is counted, so a killed process loses
 * at most the samples in flight, and those are simply run again on resume.
 */
export async function startRun(store: SqliteStore, config: RunConfig, hooks: RunHooks = {}): Promise<RunOutcome> {
  return execute(store, { id: newRunId(), config, isNew: true }, hooks);
}

/**
 * Grades a stored run's answers again with other judges, into a new run: no target is called,
 * and the suite version must be the one the answers were produced with.
 */
export async function rescoreRun(
  store: SqliteStore,
  sourceRunId: string,
  judging: Pick<RunConfig, 'judges' | 'panel'>,
  hooks: RunHooks = {},
): Promise<RunOutcome> {
  const source = store.requireRun<RunConfig>(sourceRunId);
  const config: RunConfig = { ...source.config, ...judging, rescoredFrom: sourceRunId };
  return execute(store, { id: newRunId(), config, isNew: true, suiteVersion: source.suiteVersion }, hooks);
}

/** Finishes a stored run: only the samples not yet done are run. */
export async function resumeRun(store: SqliteStore, runId: string, hooks: RunHooks = {}): Promise<RunOutcome> {
  const run = store.requireRun<RunConfig>(runId);
  return execute(store, { id: runId, config: run.config, isNew: false, suiteVersion: run.suiteVersion }, hooks);
}

async function execute(
  store: SqliteStore,
  run: { id: string; config: RunConfig; isNew: boolean; suiteVersion?: string },
  hooks: RunHooks,
): Promise<RunOutcome> {
  const { config, id: runId } = run;
  const suite = loadSuite(config.suite, { ...config.suiteOptions, judged: config.judges.length > 0 });
  if (run.suiteVersion !== undefined && suite.version !== run.suiteVersion) {
    throw new UsageError(
      `run ${runId} used ${config.suite} version ${run.suiteVersion}, but this Crosscheck has ${suite.version}: results would mix versions`,
    );
  }

  const scheduler = new Scheduler({ cache: store.cache });
  try {
    // Create every provider before the run is stored, so a bad ref or a missing key leaves nothing behind.
    // A rescore calls judges only: the targets' answers come from the store.
    const source = config.rescoredFrom;
    if (source === undefined) for (const spec of config.targets) await addModel(scheduler, spec.label, spec, config);
    for (const spec of config.judges) await addModel(scheduler, judgeKey(spec.label), spec, config);
    if (run.isNew) store.createRun({ id: runId, suite: suite.name, suiteVersion: suite.version, config });
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
              // An error that every later call would repeat (bad key, unknown model) ends the run.
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
    await scheduler.close();
  }
}

async function addModel(scheduler: Scheduler, key: string, spec: ModelSpec, config: RunConfig): Promise<void> {
  const provider = await createProvider(parseModelRef(spec.ref), { threads: config.threads, stream: spec.stream });
  scheduler.add(key, provider, { ...spec.limits, timeoutMs: config.timeoutMs, maxRetries: config.maxRetries });
}

interface Job {
  sample: Sample;
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

function* stored(store: SqliteStore, sourceRun: string, suite: Suite, label: string, done: Set<string>): Generator<Job> {
  const byId = new Map(suite.samples.map((s) => [s.id, s]));
  for (const transcript of store.storedTranscripts(sourceRun, label)) {
    const sample = byId.get(transcript.sampleId);
    if (sample && !done.has(sampleKey(label, sample.id, transcript.epoch))) yield { sample, epoch: transcript.epoch, transcript };
  }
}

interface SampleJob {
  store: SqliteStore;
  scheduler: Scheduler;
  suite: Suite;
  config: RunConfig;
  runId: string;
  spec: ModelSpec;
  sample: Sample;
  epoch: number;
  transcript?: StoredTranscript;
  progress: ModelProgress;
}

async function runSample(job: SampleJob): Promise<void> {
  const { store, scheduler, suite, config, spec, sample, epoch, progress } = job;
  const generations: StoredGeneration[] = [];
  const call = (key: string, role: 'target' | 'judge', modelSpec: ModelSpec, useCache: boolean): GenerateFn =>
    async (messages: ChatMessage[], params?: GenerateParams) => {
      const merged = role === 'target' ? { ...suite.defaultParams, ...modelSpec.params, ...params } : { ...params, ...modelSpec.params };
      const generation = await scheduler.generate(key, { messages, params: merged }, { useCache, epoch });
      generations.push({ role, modelRef: modelSpec.ref, messages, generation });
      if (!generation.cached) {
        progress.inputTokens += generation.usage.inputTokens;
        progress.outputTokens += generation.usage.outputTokens;
      }
      return generation;
    };
  const base = {
    runId: job.runId, model: spec.label, sampleId: sample.id, epoch,
    category: typeof sample.metadata.category === 'string' ? sample.metadata.category : undefined,
    metadata: sample.metadata,
  };

  let transcript: Transcript;
  try {
    transcript = job.transcript ? fromStored(job.transcript, generations) : await suite.solver(sample, call(spec.label, 'target', spec, spec.cache));
  } catch (err) {
    if (isFatal(err)) throw err;
    await store.saveSample({ ...base, status: 'error', error: oneLine(err), generations, scores: [] });
    progress.errors++;
    return;
  }
  const ctx: ScorerContext = {
    judges: config.judges.map((j) => ({ ref: j.ref, label: j.label, lab: j.lab, generate: call(judgeKey(j.label), 'judge', j, j.cache) })),
    panel: config.panel,
    targetLab: spec.lab,
    identities: config.targets.map((t) => parseModelRef(t.ref).model),
  };
  const scores: Score[] = [];
  for (const scorer of suite.scorers) scores.push(await scorer.score(sample, transcript, ctx));
  await store.saveSample({ ...base, status: 'done', output: transcript.output, generations, scores });
  progress.done++;
}

/** A stored answer as a transcript; its generations are kept with the new scores. */
function fromStored(stored: StoredTranscript, generations: StoredGeneration[]): Transcript {
  generations.push(...stored.generations);
  const last = stored.generations[stored.generations.length - 1];
  return {
    messages: [...(last?.messages ?? []), { role: 'assistant', content: stored.output }],
    generations: stored.generations.map((g) => g.generation),
    output: stored.output,
  };
}

/** Errors that would repeat on every sample: stop the run rather than record thousands of them. */
function isFatal(err: unknown): boolean {
  if (err instanceof ProviderError) return err.kind === 'auth' || (err.kind === 'client' && err.status === 404);
  if (err instanceof ConfigError || err instanceof UsageError) return true;
  return !(err instanceof CrosscheckError);
}

function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0].slice(0, 500);
}
