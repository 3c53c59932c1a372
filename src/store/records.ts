/**
 * Shapes of what the store answers besides the run record itself (src/core/run-record.ts,
 * re-exported here so store users import from one place).
 */
import type { MetricRow } from '../core/measures.js';
import type { Outcome } from '../core/outcome.js';

export type {
  ModelSpec, ModelUsage, RunConfig, RunRecord, RunStatus, SampleResult, StoredGeneration, StoredScore, StoredTranscript, SuiteSource,
} from '../core/run-record.js';

/** A metric row with the model it belongs to, as the store yields them (ordered by model, sample, epoch). */
export interface ModelMetricRow extends MetricRow {
  model: string;
}

/** What `metricRows` reads: whose outcome is primary, which other scorers, which metadata keys. */
export interface MetricRowQuery {
  primaryScorer: string;
  /** Other scorers whose results metrics read (the primary one is always included). */
  scorers: readonly string[];
  /** Metadata fields to group by (letters, digits, _ and -). */
  groups: readonly string[];
}

/** One judge's grade of one sample, from a panel. */
export interface PartScore {
  model: string;
  sampleId: string;
  epoch: number;
  judgeLabel: string;
  judge: string | null;
  outcome: Outcome;
  value: number | null;
}

export type * from './browse-records.js';

export type ReviewFilter = 'disagree' | 'unscored' | 'all';

/** A sample offered for human review. */
export interface ReviewCandidate {
  model: string;
  sampleId: string;
  epoch: number;
  metadata: Record<string, unknown>;
  output: string;
}

/** A suite × models exercise: several runs under one scheduler, reported together. */
export interface ExerciseRecord<C = unknown> {
  id: string;
  createdAt: string;
  name: string;
  config: C;
  /** Its runs, in the order the exercise lists its suites. */
  runIds: string[];
}

/** Failed samples of one model with one kind of error (`HTTP 500`, `ECONNREFUSED`...). */
export interface FailureCount {
  model: string;
  kind: string;
  n: number;
}

/** Of one model's done samples, how many its primary scorer graded (or a person labelled). */
export interface GradedCount {
  model: string;
  done: number;
  graded: number;
}

/** Samples the primary scorer left unscored for one kind of reason: its own (judge null), or one judge's under a panel. */
export interface UnscoredReasonCount {
  model: string;
  judge: string | null;
  kind: string;
  n: number;
}
