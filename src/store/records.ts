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

/** One score row joined with its sample's metadata: what metrics and reports read. */
export interface ScoreRow {
  model: string;
  sampleId: string;
  epoch: number;
  category: string | null;
  metadata: Record<string, unknown>;
  scorer: string;
  outcome: Score['outcome'];
  value: number | null;
  unscoredReason: string | null;
  judge: string | null;
  promptVersion: string | null;
}

export interface ModelUsage {
  model: string;
  role: 'target' | 'judge';
  calls: number;
  cachedCalls: number;
  inputTokens: number;
  outputTokens: number;
  meanLatencyMs: number;
  returnedModels: string[];
  refusals: number;
}
