/**
 * The run record: what a run is (its spec), and what each sample left behind (transcript,
 * generations, scores). The store writes it, and reports, compare, review and export read it;
 * none of them needs the runner.
 */
import type { ChatMessage } from './messages.js';
import type { Generation, GenerateParams } from './generation.js';
import type { Outcome } from './outcome.js';
import type { ModelRole, PanelOptions, Score, SuiteOptions, TranscriptMessage } from './suite.js';

/** One model in a run, as the user configured it. `label` names it in the store and reports. */
export interface ModelSpec {
  label: string;
  /** The model ref string, e.g. `openai:gpt-4.1` (refs never contain keys). */
  ref: string;
  /** The lab the model comes from (src/core/lab.ts), for self-preference and same-lab exclusion. */
  lab: string;
  params: GenerateParams;
  limits: { concurrency: number; rpm?: number; tpm?: number };
  /** Answer repeated identical requests from the response cache. */
  cache: boolean;
  /** Stream replies (SSE) from HTTP providers. */
  stream?: boolean;
}

/** A suite given as a folder with a suite.yaml: where it was, and its parsed definition (items excluded). */
export interface SuiteSource {
  path: string;
  definition: unknown;
}

/** Everything a run needs to start again from the store alone (`eval --resume RUN`). */
export interface RunConfig {
  suite: string;
  suiteOptions: SuiteOptions;
  /** Set for suites loaded from a folder (suite.yaml) rather than by name. */
  suiteSource?: SuiteSource;
  epochs: number;
  targets: ModelSpec[];
  /** The judge panel; empty for rule grading only. */
  judges: ModelSpec[];
  /** Models in the solver's other roles (a simulated user, an auditor), when the suite needs them. */
  roles?: { user?: ModelSpec; auditor?: ModelSpec };
  panel: PanelOptions;
  timeoutMs: number;
  maxRetries: number;
  /** llamacpp CPU threads. */
  threads?: number;
  crosscheckVersion: string;
  /** Set for `crosscheck rescore`: grade this run's stored transcripts again; no target is called. */
  rescoredFrom?: string;
  /** Set when the run is one suite of an exercise (`crosscheck exercise run`), with its place in the exercise's list. */
  exerciseId?: string;
  exerciseEntry?: number;
}

export type RunStatus = 'running' | 'finished' | 'finished_with_errors';

export interface RunRecord<C = RunConfig> {
  id: string;
  createdAt: string;
  finishedAt: string | null;
  status: RunStatus;
  suite: string;
  suiteVersion: string;
  config: C;
}

/** A generation as stored: which role produced it and what it was asked. */
export interface StoredGeneration {
  role: ModelRole;
  modelRef: string;
  messages: ChatMessage[];
  generation: Generation;
}

/** Everything one finished (or failed) sample writes, committed in one transaction. */
export interface SampleResult {
  runId: string;
  model: string;
  sampleId: string;
  epoch: number;
  status: 'done' | 'error';
  category?: string;
  metadata: Record<string, unknown>;
  /** The whole conversation, each message with who said it (done samples). */
  messages?: TranscriptMessage[];
  output?: string;
  error?: string;
  generations: StoredGeneration[];
  scores: Score[];
}

/** A done sample's transcript as stored: what `rescore` grades again. */
export interface StoredTranscript {
  sampleId: string;
  epoch: number;
  output: string;
  /** The conversation; absent for samples stored before transcripts were kept whole. */
  messages: TranscriptMessage[] | null;
  generations: StoredGeneration[];
}

/** A score row as stored. */
export interface StoredScore {
  scorer: string;
  outcome: Outcome;
  value: number | null;
  judge: string | null;
  judgeReply: string | null;
  unscoredReason: string | null;
  explanation: string | null;
  details: Record<string, unknown> | null;
}

/** Calls made while running one target's samples, per role and model ref (a judge's calls are listed under each target it graded). */
export interface ModelUsage {
  model: string;
  role: ModelRole;
  modelRef: string;
  calls: number;
  cachedCalls: number;
  inputTokens: number;
  outputTokens: number;
  meanLatencyMs: number;
  returnedModels: string[];
  refusals: number;
}
