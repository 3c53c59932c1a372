/**
 * What a suite measures, declared once, so that reports, compare, epochs and review work for
 * every suite from the declaration and know no suite by name (as Inspect's scorers carry their
 * metrics). The hallucination suite's declaration is in src/suites/hallucination/measures.ts.
 */
import type { Outcome } from './outcome.js';

/** One outcome label a suite's primary scorer gives. */
export interface OutcomeDecl {
  label: string;
  /** As shown in tables; the label itself when absent. */
  title?: string;
  /** Where the behaviour is a safety one: whether this outcome is the safe or the unsafe one. */
  safety?: 'safe' | 'unsafe';
  /** A judge giving this label grades the model kindly (self-preference). Default: `safety === 'safe'`. */
  favourable?: boolean;
  /** The key `crosscheck review` takes for this label (one character; the label's first letter when absent). */
  key?: string;
}

/** A scorer as reports name it. Order in `SuiteMeasures.scorers` is precedence: the first that ran is primary. */
export interface ScorerDecl {
  name: string;
  /** Short name in sentences, e.g. "rule grader", "model grader". */
  title: string;
  /** How the scorer grades, for the "graded by" line (rule scorers). */
  description?: string;
  /** Graded by the run's judge panel; left out of runs without judges. */
  judged?: boolean;
  /** Its agreement with the primary scorer is reported when it is not the primary one. */
  crossCheck?: boolean;
  /** Said on every table it grades as the primary scorer (e.g. "rule grader only (a lower bound on errors)"). */
  caveat?: string;
  /** Its measured agreement with human labels, in words, shown beside its numbers (computed, not typed in). */
  humanAgreement?: () => string;
}

/** A sample metadata field results are broken down by (kind, category, risk level, turn...). */
export interface GroupDecl {
  key: string;
  /** Values in display order; values not listed follow, sorted. */
  order?: string[];
  /** Column titles for values; the value itself when absent. */
  titles?: Record<string, string>;
  /**
   * False when pooling the values would mislead (the hallucination suite's item kinds measure
   * different things): no "all" column, and headlines are per value.
   */
  pooled?: boolean;
}

/** One done sample × epoch of one model, as metrics see it. */
export interface MetricRow {
  sampleId: string;
  epoch: number;
  /** The sample's value of each declared grouping key (null when the sample has none). */
  groups: Record<string, string | null>;
  /** The primary scorer's outcome, or a human label where there is one (`crosscheck review`). */
  outcome: Outcome;
  /** The primary scorer's value (a human label's where there is one). */
  value: number | null;
  /** The outcome is a person's label, not the graders'. */
  human: boolean;
  /** Every scorer's own result for this sample (panel members' grades not included). */
  scores: Record<string, { outcome: Outcome; value: number | null; details: Record<string, unknown> | null }>;
}

/** A computed number, typed by how it is shown and what its interval is. */
export type MetricValue =
  | { type: 'count'; value: number }
  | { type: 'proportion'; p: number; lower: number; upper: number; k: number; n: number; defined: boolean; method: string }
  | { type: 'number'; value: number; lower?: number; upper?: number; method?: string }
  | { type: 'score'; value: number; lower: number; upper: number; n: number; method: string };

export interface MetricResult {
  /** Stable name (JSON key, headline reference). */
  name: string;
  /** Row title in tables. */
  title: string;
  value: MetricValue;
  /** The declared metric that produced it (set by the report; a metric may give several results). */
  metric?: string;
}

export interface MetricContext {
  /** The suite's outcome labels. */
  outcomes: readonly OutcomeDecl[];
  /** Epochs per sample in the run: above 1, intervals are clustered by sample. */
  epochs: number;
}

/** A metric: from the rows of one model (and one group), its results. */
export interface MetricDecl {
  name: string;
  /** Computed only for these values of a grouping key (a metric that means nothing for other kinds of item). */
  only?: { key: string; values: readonly string[] };
  compute(rows: readonly MetricRow[], ctx: MetricContext): MetricResult[];
}

/** A column of a side-by-side table: a metric result by name. */
export interface HeadlineDecl {
  metric: string;
  title: string;
  /** Show the point estimate only (the interval is in the model's own table). */
  point?: boolean;
}

/** One side-by-side table: over every item, or over one value of a grouping key. */
export interface HeadlineSection {
  /** What the table covers, e.g. "all items", "answerable questions". */
  scope: string;
  group?: { key: string; value: string };
  columns: HeadlineDecl[];
}

/** A per-sample number compared between two models with a paired test. */
export interface PairedScoreDecl {
  name: string;
  title: string;
  /** The sample's value from its (epoch-majority) outcome, or null to use the stored value. */
  fromOutcome?: (outcome: Outcome) => number;
  /** The lowest and highest value a sample can have: gives the interval of the mean difference. */
  bounds?: readonly [number, number];
}

/** Where in a model's results a chart reads: every sample, or one value of a grouping key. */
export interface ChartScope {
  group?: { key: string; value: string };
}

/**
 * A chart a report draws from declared metrics (never from a suite's name): stacked outcome
 * shares, models as points on a plane of two metrics (with interval whiskers), or a metric
 * family as a curve (a penalised score against its threshold, a rate against the turn index).
 */
export type ChartDecl =
  | ({ kind: 'outcomes'; title: string; labels: string[]; by?: string } & ChartScope)
  | ({ kind: 'plane'; title: string; x: { metric: string; title: string }; y: { metric: string; title: string } } & ChartScope)
  | ({ kind: 'curve'; title: string; xTitle: string; yTitle: string; points: { x: number; metric: string }[] } & ChartScope);

export interface SuiteMeasures {
  outcomes: OutcomeDecl[];
  scorers: ScorerDecl[];
  groups: GroupDecl[];
  metrics: MetricDecl[];
  /** The side-by-side tables, in order. */
  headline: HeadlineSection[];
  epochs: {
    /** The label that counts as success for pass@k, pass^k and the clustered interval. */
    success?: string;
    /** Labels whose majority-over-epochs share is shown. */
    majority: string[];
  };
  /** Charts for reports that draw (HTML); tables always show every metric. */
  charts?: ChartDecl[];
  compare: {
    /** Binary outcomes compared with McNemar's exact test: a label (or labels) and its title. */
    binary: { labels: string[]; title: string }[];
    scores: PairedScoreDecl[];
    /** What the paired scores are, for the conditions line. */
    scoresNote: string;
  };
}

/** A label whose grade is kind to the graded model: worth 1 as a human label, any other 0. */
export function isFavourable(o: OutcomeDecl): boolean {
  return o.favourable ?? o.safety === 'safe';
}

/** The labels whose grade is kind to the graded model (self-preference). */
export function favourableLabels(outcomes: readonly OutcomeDecl[]): Set<string> {
  return new Set(outcomes.filter(isFavourable).map((o) => o.label));
}
