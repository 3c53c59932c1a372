/**
 * Test helper: a run written straight into a store, sample by sample through `saveSample`, with
 * no model called: two or more targets, a two-judge panel that splits on some items, multi-turn
 * transcripts with who said each message, failed samples, and metadata to group by. Sizes are
 * the caller's (the viewer's tests and bench use 100,000 samples).
 */
import type { Generation } from '../../core/generation.js';
import type { RunConfig, ModelSpec, SampleResult } from '../../core/run-record.js';
import type { RunStore } from '../run-store.js';

export interface SyntheticRunOptions {
  runId: string;
  /** Samples per model. */
  samples: number;
  models?: string[];
  /** The primary scorer's name; judges' parts are PRIMARY/judge-a and PRIMARY/judge-b. */
  primary?: string;
  /** Outcome labels the primary scorer gives, in rotation. */
  labels?: string[];
  suite?: string;
  epochs?: number;
}

const gen = (text: string, returnedModel: string, latencyMs = 12): Generation => ({
  text, refusal: null, stopReason: 'stop', usage: { inputTokens: 20, outputTokens: 8 }, latencyMs, returnedModel,
  request: { temperature: 0 },
});

/** The categories samples cycle through. */
export const SYNTHETIC_CATEGORIES = ['history', 'science', 'geography', 'sport', 'arts'];

const spec = (label: string, lab: string): ModelSpec => ({ label, ref: label, lab, params: { temperature: 0 }, limits: { concurrency: 1 }, cache: false });

/**
 * Sample i of model m: judge-a's label, the panel's verdict (unscored where the two judges split,
 * a tie), whether the judges split, whether the sample failed. Deterministic, so tests can count.
 */
export function syntheticOutcome(i: number, m: number, labels: readonly string[]): { label: string; verdict: string; split: boolean; failed: boolean } {
  const label = labels[(i + m) % labels.length];
  const split = i % 7 === 3;
  return { label, verdict: split ? 'unscored' : label, split, failed: i % 97 === 50 && m === 0 };
}

export function syntheticSampleId(i: number): string {
  return `q${String(i).padStart(6, '0')}`;
}

/** Writes the run and returns its config; every sample is committed when the promise resolves. */
export async function writeSyntheticRun(store: RunStore, opts: SyntheticRunOptions): Promise<RunConfig> {
  const models = opts.models ?? ['scripted:model-a', 'scripted:model-b'];
  const primary = opts.primary ?? 'panel';
  const labels = opts.labels ?? ['correct', 'incorrect', 'abstained'];
  const epochs = opts.epochs ?? 1;
  const config: RunConfig = {
    suite: opts.suite ?? 'hallucination', suiteOptions: {}, epochs,
    targets: models.map((m, i) => spec(m, `lab-${i}`)),
    judges: [spec('judge-a', 'lab-0'), spec('judge-b', 'lab-9')],
    roles: { user: spec('scripted:user', 'lab-9') },
    panel: { rule: 'majority', excludeSameLab: false }, timeoutMs: 60_000, maxRetries: 0, crosscheckVersion: 'test',
  };
  store.createRun({ id: opts.runId, suite: config.suite, suiteVersion: 'synthetic-v1', config });
  const writes: Promise<void>[] = [];
  for (let i = 0; i < opts.samples; i++) {
    for (let e = 1; e <= epochs; e++) {
      models.forEach((model, m) => writes.push(store.saveSample(syntheticSample(opts.runId, model, m, i, e, primary, labels))));
    }
    // Bounded batches: one transaction per few thousand samples, as a long run commits them.
    if (writes.length >= 5000) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
  store.setRunStatus(opts.runId, 'finished');
  return config;
}

function syntheticSample(runId: string, model: string, m: number, i: number, epoch: number, primary: string, labels: readonly string[]): SampleResult {
  const id = syntheticSampleId(i);
  const { label, verdict, split, failed } = syntheticOutcome(i, m, labels);
  const metadata = { category: SYNTHETIC_CATEGORIES[i % SYNTHETIC_CATEGORIES.length], kind: i % 2 ? 'answerable' : 'nonexistent', risk: i % 4 };
  const base = { runId, model, sampleId: id, epoch, category: metadata.category, metadata };
  if (failed) return { ...base, status: 'error', error: 'HTTP 500 from the provider after 3 retries', generations: [], scores: [] };
  const answer = `Answer ${i} from ${model}: ${label === 'abstained' ? 'I do not know.' : `it is ${i % 13}.`}`;
  const messages = [
    { role: 'system' as const, content: 'You are a helpful assistant.', by: 'suite' as const },
    { role: 'user' as const, content: `Question ${i}: what is item ${i}?`, by: 'suite' as const },
    { role: 'assistant' as const, content: `First reply to ${i} from ${model}.`, by: 'target' as const },
    { role: 'user' as const, content: `Are you sure about ${i}?`, by: 'user' as const },
    { role: 'assistant' as const, content: answer, by: 'target' as const },
  ];
  const other = labels[(labels.indexOf(label) + 1) % labels.length];
  const judgeB = split ? other : label;
  return {
    ...base, status: 'done', messages, output: answer,
    generations: [
      { role: 'target', modelRef: model, messages: messages.slice(0, 2), generation: gen(messages[2].content, `${model}-2025`) },
      { role: 'user', modelRef: 'scripted:user', messages: messages.slice(1, 3), generation: gen(messages[3].content, 'user-1') },
      { role: 'target', modelRef: model, messages: messages.slice(0, 4), generation: gen(answer, `${model}-2025`) },
    ],
    scores: [
      {
        scorer: primary, outcome: verdict, value: verdict === 'unscored' ? undefined : verdict === labels[0] ? 1 : 0,
        ...(split ? { unscoredReason: 'the judges are tied' } : { explanation: `majority of 2 judges: ${label}` }),
        parts: [
          { scorer: `${primary}/judge-a`, outcome: label, judge: 'judge-a', judgeReply: `GRADE: ${label.toUpperCase()}`, promptVersion: 'grader/v1', explanation: `judge-a says ${label}` },
          { scorer: `${primary}/judge-b`, outcome: judgeB, judge: 'judge-b', judgeReply: `GRADE: ${judgeB.toUpperCase()}`, promptVersion: 'grader/v1', explanation: `judge-b says ${judgeB}` },
        ],
      },
      { scorer: 'rule', outcome: i % 5 === 0 ? other : label },
    ],
  };
}
