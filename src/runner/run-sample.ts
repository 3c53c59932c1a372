import { ConfigError, CrosscheckError, ProviderError, RunInterrupted, UsageError } from '../core/errors.js';
import { failureKind } from '../core/failure-kind.js';
import type { ChatMessage } from '../core/messages.js';
import type { GenerateParams } from '../core/generation.js';
import { parseModelRef } from '../core/model-ref.js';
import type { ModelSpec, RunConfig, StoredGeneration, StoredTranscript } from '../core/run-record.js';
import type { GenerateFn, ModelRole, Sample, Score, ScorerContext, SolverModels, Suite, Transcript } from '../core/suite.js';
import type { RunStore } from '../store/run-store.js';
import type { InFlightCalls } from './in-flight.js';
import type { ModelProgress } from './progress.js';
import type { Scheduler } from './scheduler.js';

/** Scheduler keys for judges and simulated roles, kept apart from targets so one model can be both with its own limits. */
export const judgeKey = (label: string) => `\u0000judge:${label}`;
export const roleKey = (role: string, label: string) => `\u0000${role}:${label}`;

export interface SampleJob {
  store: RunStore;
  scheduler: Scheduler;
  suite: Suite;
  config: RunConfig;
  runId: string;
  spec: ModelSpec;
  sample: Sample;
  epoch: number;
  /** Rescoring: the stored transcript to grade again. */
  transcript?: StoredTranscript;
  progress: ModelProgress;
  /** The calls this target's samples have in flight (progress shows them). */
  inFlight: InFlightCalls;
  /** Stops the sample's calls at once (Ctrl-C); the sample is then not saved and runs again on resume. */
  signal?: AbortSignal;
}

/** How a sample ended: done (saved), or failed with a kind of error (saved as failed; resume retries it). */
export type SampleEnd = { failed: false } | { failed: true; kind: string };

/**
 * One sample: the solver's conversation (every model call through the scheduler, each kept with
 * its role), then every scorer, then one commit. A failed call is the sample's error, stored so
 * resume retries it; an error no retry can fix (bad key, unknown model) is thrown to end the run,
 * also when it comes from a judge (a judge's failure is otherwise the grade's `unscored` reason).
 */
export async function runSample(job: SampleJob): Promise<SampleEnd> {
  const { store, scheduler, suite, config, spec, sample, epoch, progress } = job;
  const generations: StoredGeneration[] = [];
  let judgeFatal: unknown;
  const call = (key: string, role: ModelRole, modelSpec: ModelSpec, useCache: boolean): GenerateFn =>
    async (messages: ChatMessage[], params?: GenerateParams) => {
      const merged = role === 'target' ? { ...suite.defaultParams, ...modelSpec.params, ...params } : { ...params, ...modelSpec.params };
      let generation;
      const call = job.inFlight.start();
      try {
        generation = await scheduler.generate(key, { messages, params: merged }, { useCache, epoch, signal: job.signal, onRetry: () => progress.retries++ });
      } catch (err) {
        if (role === 'judge' && isFatal(err)) judgeFatal ??= err;
        throw err;
      } finally {
        job.inFlight.end(call);
      }
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
    transcript = job.transcript ? fromStored(job.transcript, generations) : await suite.solver(sample, solverModels(job, call));
  } catch (err) {
    if (isFatal(err)) throw err;
    const kind = failureKind(err);
    await store.saveSample({ ...base, status: 'error', error: oneLine(err), errorKind: kind, generations, scores: [] });
    progress.errors++;
    return { failed: true, kind };
  }
  const ctx: ScorerContext = {
    judges: config.judges.map((j) => ({ ref: j.ref, label: j.label, lab: j.lab, generate: call(judgeKey(j.label), 'judge', j, j.cache) })),
    panel: config.panel,
    targetLab: spec.lab,
    identities: config.targets.map((t) => parseModelRef(t.ref).model),
  };
  const scores: Score[] = [];
  for (const scorer of suite.scorers) scores.push(await scorer.score(sample, transcript, ctx));
  if (judgeFatal !== undefined) throw judgeFatal;
  await store.saveSample({ ...base, status: 'done', messages: transcript.messages, output: transcript.output, generations, scores });
  progress.done++;
  return { failed: false };
}

function solverModels(job: SampleJob, call: (key: string, role: ModelRole, spec: ModelSpec, useCache: boolean) => GenerateFn): SolverModels {
  const models: SolverModels = { target: call(job.spec.label, 'target', job.spec, job.spec.cache) };
  for (const role of job.suite.roles ?? []) {
    const spec = job.config.roles?.[role];
    if (spec) models[role] = call(roleKey(role, spec.label), role, spec, spec.cache);
  }
  return models;
}

/** A stored transcript to grade again; its generations are kept with the new scores. */
function fromStored(stored: StoredTranscript, generations: StoredGeneration[]): Transcript {
  generations.push(...stored.generations);
  const lastTarget = [...stored.generations].reverse().find((g) => g.role === 'target');
  return {
    // Older stores kept no transcript: the last target call's messages plus its answer are the conversation.
    messages: stored.messages ?? [...(lastTarget?.messages ?? []), { role: 'assistant', content: stored.output }],
    generations: stored.generations.map((g) => g.generation),
    output: stored.output,
  };
}

/**
 * Errors that would repeat on every sample: stop the run rather than record thousands of them.
 * An interruption stops it too, and the sample it cut short is not saved.
 */
export function isFatal(err: unknown): boolean {
  if (err instanceof RunInterrupted) return true;
  if (err instanceof ProviderError) return err.kind === 'auth' || (err.kind === 'client' && err.status === 404);
  if (err instanceof ConfigError || err instanceof UsageError) return true;
  return !(err instanceof CrosscheckError);
}

/** An error's message on one bounded line, as stored and shown. */
export function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0].slice(0, 500);
}
