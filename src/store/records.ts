import type { ChatMessage } from '../core/messages.js';
import type { Generation } from '../core/generation.js';
import type { Score } from '../core/suite.js';

export type RunStatus = 'running' | 'finished' | 'finished_with_errors';

export interface RunRecord<C = unknown> {
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
  role: 'target' | 'judge';
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
  output?: string;
  error?: string;
  generations: StoredGeneration[];
  scores: Score[];
}

/** A count of samples with one outcome from one scorer, for one model and item kind. */
export interface OutcomeCount {
  model: string;
  scorer: string;
  /** The sample's `metadata.kind`, when the suite sets one. */
  kind: string | null;
  outcome: Score['outcome'];
  n: number;
}

/** A done sample's target side, as stored. */
export interface StoredTranscript {
  sampleId: string;
  epoch: number;
  output: string;
  generations: StoredGeneration[];
}

/** One done sample's outcome as metrics use it. */
export interface SampleOutcome {
  model: string;
  sampleId: string;
  epoch: number;
  kind: string | null;
  outcome: Score['outcome'];
  /** The outcome is a human label (crosscheck review), not the graders'. */
  human: boolean;
}

/** One judge's grade of one sample, from a panel. */
export interface PartScore {
  model: string;
  sampleId: string;
  epoch: number;
  judgeLabel: string;
  judge: string | null;
  outcome: Score['outcome'];
  value: number | null;
}

/** Calls made while running one target's samples, per role and model ref (a judge's calls are listed under each target it graded). */
export interface ModelUsage {
  model: string;
  role: 'target' | 'judge';
  modelRef: string;
  calls: number;
  cachedCalls: number;
  inputTokens: number;
  outputTokens: number;
  meanLatencyMs: number;
  returnedModels: string[];
  refusals: number;
}

export type ReviewFilter = 'disagree' | 'unscored' | 'all';

/** A sample offered for human review. */
export interface ReviewCandidate {
  model: string;
  sampleId: string;
  epoch: number;
  metadata: Record<string, unknown>;
  output: string;
}

/** A score row as stored. */
export interface StoredScore {
  scorer: string;
  outcome: Score['outcome'];
  judge: string | null;
  judgeReply: string | null;
  unscoredReason: string | null;
  explanation: string | null;
}
