/**
 * The store as the runner, reports, compare, review and export use it. SQLite implements it
 * (sqlite-store.ts); a server database can implement it later without touching its users.
 */
import type { Generation } from '../core/generation.js';
import type { Outcome } from '../core/outcome.js';
import type {
  ExerciseRecord, FailureCount, GradedCount, MetricRowQuery, ModelMetricRow, ModelUsage, PartScore, ReviewCandidate, ReviewFilter,
  RunRecord, RunStatus, SampleResult, StoredScore, StoredTranscript, UnscoredReasonCount,
} from './records.js';
import type { GroupValues, SampleFilter, SamplePage, SamplePageQuery, SampleRecord, SampleRecordQuery } from './browse-records.js';

export interface ResponseCache {
  get(key: string): Generation | undefined;
  set(key: string, generation: Generation): void;
}

export interface RunStore {
  /** Where the store is, for messages. */
  readonly path: string;
  readonly cache: ResponseCache;

  createRun(run: { id: string; suite: string; suiteVersion: string; config: unknown; exerciseId?: string }): void;
  getRun<C = RunRecord['config']>(id: string): RunRecord<C> | undefined;
  /** The run, or a one-line usage error pointing at `crosscheck runs`. */
  requireRun<C = RunRecord['config']>(id: string): RunRecord<C>;
  /** Runs, newest first; a stored `running` run whose process is gone reads as `stopped` (run-liveness.ts). */
  listRuns(limit?: number): RunRecord[];
  /** `running` makes this process the run's owner and renews its heartbeat; `stopped` keeps its reason. */
  setRunStatus(id: string, status: RunStatus, stopReason?: string): void;
  /** This process still runs the run: renews its lease (call every HEARTBEAT_MS). */
  heartbeat(id: string): void;
  /** Per model label, the samples × epochs the run should finish: what a report counts missing ones against. */
  setExpectedSamples(id: string, expected: Record<string, number>): void;

  /** Commits a sample with its transcript, generations and scores; resolves once it is on disk. */
  saveSample(result: SampleResult): Promise<void>;
  /** Keys (see `sampleKey`) of every sample already done: what resume skips. */
  doneKeys(runId: string): Set<string>;
  sampleCounts(runId: string): { model: string; status: string; n: number }[];
  /** Every done sample × epoch with its primary outcome (a human label where there is one), in (model, sample, epoch) order. */
  metricRows(runId: string, query: MetricRowQuery): Iterable<ModelMetricRow>;
  /** The stored transcripts of one model's done samples: what `rescore` grades again. */
  storedTranscripts(runId: string, model: string): Iterable<StoredTranscript>;

  reviewCandidates(runId: string, primaryScorer: string, where: ReviewFilter, model?: string): Iterable<ReviewCandidate>;
  scoresForSample(runId: string, model: string, sampleId: string, epoch: number): StoredScore[];
  /** A person's label for a sample: stored beside the graders' and used by metrics in their place. */
  setHumanLabel(runId: string, model: string, sampleId: string, epoch: number, outcome: Outcome, value: number | null, note: string): void;
  /** Every judge's own grade under a panel scorer. */
  partScores(runId: string, scorer: string): PartScore[];
  redactedCount(runId: string): number;
  /** Per model: samples both scorers labelled, and how many of those got the same label. */
  scorerAgreement(runId: string, scorer: string, other: string): { model: string; n: number; agree: number }[];
  promptVersions(runId: string): string[];
  errors(runId: string): { model: string; sampleId: string; epoch: number; error: string }[];
  /** Failed samples counted by model and kind of error. */
  failureKinds(runId: string): FailureCount[];
  /** Per model: done samples, and how many of them the scorer graded (or a person labelled). */
  gradedCounts(runId: string, scorer: string): GradedCount[];
  /** Why the scorer left done samples unscored, reduced to kinds and counted (a panel's judges' reasons too). */
  unscoredReasons(runId: string, scorer: string): UnscoredReasonCount[];
  usage(runId: string): ModelUsage[];

  /**
   * Every sample of a run as it was saved (done and failed; every generation and score row, a
   * human label as a score named `human`), in the order first saved: what a bundle exports and
   * `saveSample` takes back.
   */
  sampleResults(runId: string): Iterable<SampleResult>;
  /** Stores a run record as it is (its id, times and status), e.g. one read from a bundle. */
  importRun(run: RunRecord): void;

  /** Browsing (viewer, export, reports): a filtered page of (sample, epoch) keys with every model's row, in index order. */
  samplePage(runId: string, query: SamplePageQuery): SamplePage;
  /** How many (sample, epoch) keys match a filter. */
  countSamples(runId: string, filter: SampleFilter & { primaryScorer: string }): number;
  /** Everything stored per model × sample × epoch (done or failed), in (model, sample, epoch) order, read a page at a time. */
  sampleRecords(runId: string, where?: SampleRecordQuery): Iterable<SampleRecord>;
  /** The values each grouping key takes in a run, sorted. */
  groupValues(runId: string, keys: readonly string[]): GroupValues[];
  /** Changes whenever anything is committed to the store, by this process or another: what cached counts are keyed by. */
  dataVersion(): string;

  createExercise(exercise: { id: string; name: string; config: unknown }): void;
  getExercise<C = unknown>(id: string): ExerciseRecord<C> | undefined;
  close(): void;
}

export function sampleKey(model: string, sampleId: string, epoch: number): string {
  return `${model}\u0000${sampleId}\u0000${epoch}`;
}
