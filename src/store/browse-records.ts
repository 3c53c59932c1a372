/**
 * Shapes of the store's reads for browsing a run sample by sample: the viewer's filtered pages,
 * one sample from every model side by side, and whole sample records for export and reports.
 */
import type { Outcome } from '../core/outcome.js';
import type { StoredGeneration, StoredScore } from '../core/run-record.js';
import type { TranscriptMessage } from '../core/suite.js';

/** Which samples to list; every filter given must hold. */
export interface SampleFilter {
  /** A target's label: samples where this model's row matches the other filters. */
  model?: string;
  /** Metadata values (grouping keys), e.g. `{ category: 'history' }`. */
  groups?: Record<string, string>;
  /** The outcome metrics use: a human label where one exists, else the primary scorer's. */
  outcome?: Outcome;
  /** Only samples whose panel judges gave different labels (unscored grades aside). */
  disagree?: boolean;
}

/** A (sample, epoch) key: the unit the viewer lists, whose rows hold every model's answer. */
export interface SampleKey {
  sampleId: string;
  epoch: number;
}

export interface SamplePageQuery extends SampleFilter {
  /** The primary scorer: its outcome is the one shown and filtered on; its judges' grades are `PRIMARY/JUDGE`. */
  primaryScorer: string;
  /** Grouping keys whose values each row carries. */
  groupKeys: readonly string[];
  /** Keyset paging in (sample id, epoch) order: the rows after this key, or before it (paging back). */
  after?: SampleKey;
  before?: SampleKey;
  limit: number;
}

/** One model's answer in a listed row. */
export interface BrowseCell {
  model: string;
  /** Null when the primary scorer left no score (a failed sample). */
  outcome: Outcome | null;
  /** The outcome is a person's label (`crosscheck review` or the viewer). */
  human: boolean;
  /** The panel's judges gave different labels. */
  disagree: boolean;
  status: 'done' | 'error';
  /** The start of the final answer (or the error). */
  preview: string;
}

export interface BrowseRow extends SampleKey {
  groups: Record<string, string | null>;
  /** Every model's row for the sample, in model order. */
  cells: BrowseCell[];
}

export interface SamplePage {
  rows: BrowseRow[];
  /** More rows lie before the first / after the last row of this page. */
  hasPrev: boolean;
  hasNext: boolean;
}

/** A score row as stored, every one of them: the primary and other scorers, each judge's part, a human label. */
export interface ScoreRecord extends StoredScore {
  promptVersion: string | null;
  /** Self-identifying text removed before judging. */
  redactions: string[] | null;
}

/** Everything stored for one model's answer to one sample. */
export interface SampleRecord extends SampleKey {
  model: string;
  status: 'done' | 'error';
  metadata: Record<string, unknown>;
  /** The whole conversation with who said each message; null for samples stored before transcripts were kept. */
  messages: TranscriptMessage[] | null;
  output: string | null;
  error: string | null;
  completedAt: string;
  scores: ScoreRecord[];
  /** Every model call made for the sample, judges' included, in order. */
  generations: StoredGeneration[];
}

/** Which sample records to read: any of one model, one sample, one epoch. */
export interface SampleRecordQuery {
  model?: string;
  sampleId?: string;
  epoch?: number;
}

/** The values a grouping key takes in a run (for filter menus). */
export interface GroupValues {
  key: string;
  values: string[];
  /** More distinct values than were listed. */
  more: boolean;
}
