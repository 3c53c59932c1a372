/**
 * Headline numbers for the hallucination suite, from one outcome per sample (SimpleQA-style):
 * correct / incorrect / abstained shares, accuracy among attempted answers, their F-score,
 * hallucination rate under both common definitions, and penalised scores at several confidence
 * thresholds t, where a wrong answer costs t/(1−t) points (the break-even of answering only when
 * more than t confident). Unscored samples are excluded from n but reported.
 *
 * Intervals. Penalised scores: clusteredMean on the per-sample scores within [−t/(1−t), 1]
 * (Student t, floored at the zero-event bound so all-correct or all-declined data never give a
 * zero-width interval; the percentile bootstrap used before covered 4–98% near the boundary at
 * small n). F-score: F ≥ θ exactly when the mean of w_θ = 2·[correct] − θ·(1 + [correct] +
 * [incorrect]) is ≥ 0 (F = 2c/(n + c + i)), so the interval is every θ whose w_θ-interval holds 0
 * (a Fieller-type inversion of the same clusteredMean). With `clusters` (the sample id of every
 * outcome, for K > 1 epochs) every interval is clustered by sample (clustered.ts); without, each
 * outcome is its own cluster and the proportions keep their plain Wilson intervals.
 */
import type { Outcome } from '../../core/outcome.js';
import { DEFAULT_RESAMPLES, DEFAULT_SEED } from '../../metrics/bootstrap.js';
import { clusteredMean, clusteredProportion, type ClusteredIntervalMethod } from '../../metrics/clustered.js';
import { wilson, type Proportion } from '../../metrics/proportion.js';

export const PENALTY_THRESHOLDS = [0, 0.5, 0.75, 0.9] as const;

export interface Rate extends Proportion {
  /** Which denominator this rate uses, in words, so a report cannot mix the two definitions up. */
  definition: string;
}

export interface PenalisedScore {
  /** Confidence threshold: answering is worth it only when more than t likely to be right. */
  t: number;
  /** Points lost per wrong answer: t / (1 − t). */
  penalty: number;
  /** (correct − incorrect·penalty) / n; NaN when n = 0. */
  score: number;
  /** 95% interval (see the file comment); NaN when n = 0. */
  lower: number;
  upper: number;
  method: ClusteredIntervalMethod;
}

export interface FScoreInterval {
  lower: number;
  upper: number;
  method: 'fieller-inversion-of-clustered-mean';
}

export interface HallucinationMetrics {
  /** Samples given, scored or not. */
  total: number;
  /** Scored samples: the denominator of every "/n" number below. */
  n: number;
  unscored: number;
  counts: { correct: number; incorrect: number; abstained: number; attempted: number };
  correct: Proportion;
  incorrect: Proportion;
  abstained: Proportion;
  /** (correct + incorrect) / n. */
  attempted: Proportion;
  /** correct / attempted; undefined (NaN) when nothing was attempted. */
  accuracyGivenAttempted: Proportion;
  /**
   * Harmonic mean of correct/n and accuracy given attempted, as in SimpleQA. NaN when n = 0; 0 when
   * nothing was attempted (SimpleQA's convention: a model that never answers earns nothing).
   */
  fScore: number;
  /** 95% interval of the F-score; NaN bounds when n = 0. */
  fScoreInterval: FScoreInterval;
  hallucinationRate: { overall: Rate; givenAttempted: Rate };
  penalised: PenalisedScore[];
  /**
   * Kept for the report's conditions line only: the penalised intervals no longer use a
   * bootstrap (their `method` says what they use).
   * @deprecated
   */
  bootstrap: { resamples: number; seed: number; confidence: number };
}

export interface HallucinationMetricsOptions {
  thresholds?: readonly number[];
  resamples?: number;
  seed?: number;
  /** Normal quantile for the unclustered Wilson intervals (95% by default; clustered and score intervals are 95%). */
  z?: number;
  /**
   * The cluster of each outcome (same length as `outcomes`): the sample id when outcomes are K
   * epochs of each sample. Intervals then treat samples, not outcomes, as independent.
   */
  clusters?: readonly (string | number)[];
}

type Scored = Exclude<Outcome, 'unscored'>;

export function hallucinationMetrics(
  outcomes: readonly Outcome[],
  opts: HallucinationMetricsOptions = {},
): HallucinationMetrics {
  if (opts.clusters !== undefined && opts.clusters.length !== outcomes.length) {
    throw new RangeError(`hallucinationMetrics: clusters must give one cluster per outcome, got ${opts.clusters.length} for ${outcomes.length}`);
  }
  const rows = outcomes
    .map((outcome, i) => ({ outcome, cluster: opts.clusters?.[i] ?? i }))
    .filter((r): r is { outcome: Scored; cluster: string | number } => r.outcome !== 'unscored');
  const n = rows.length;
  const correct = rows.filter((r) => r.outcome === 'correct').length;
  const incorrect = rows.filter((r) => r.outcome === 'incorrect').length;
  const abstained = n - correct - incorrect;
  const attempted = correct + incorrect;
  const clustered = opts.clusters !== undefined && new Set(rows.map((r) => r.cluster)).size < n;
  /** Share of `among` rows that are `is`: Wilson, or clustered by sample when outcomes share samples. */
  const share = (is: (o: Scored) => boolean, among: (o: Scored) => boolean = () => true): Proportion & { method?: ClusteredIntervalMethod } => {
    const subset = rows.filter((r) => among(r.outcome));
    const k = subset.filter((r) => is(r.outcome)).length;
    if (!clustered) return wilson(k, subset.length, { z: opts.z });
    const c = clusteredProportion(subset.map((r) => ({ cluster: r.cluster, value: is(r.outcome) ? 1 : 0 })));
    return { k, n: subset.length, p: subset.length === 0 ? NaN : k / subset.length, lower: c.lower, upper: c.upper, defined: c.defined, method: c.method };
  };
  const isAttempted = (o: Scored) => o !== 'abstained';
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;
  const seed = opts.seed ?? DEFAULT_SEED;
  return {
    total: outcomes.length,
    n,
    unscored: outcomes.length - n,
    counts: { correct, incorrect, abstained, attempted },
    correct: share((o) => o === 'correct'),
    incorrect: share((o) => o === 'incorrect'),
    abstained: share((o) => o === 'abstained'),
    attempted: share(isAttempted),
    accuracyGivenAttempted: share((o) => o === 'correct', isAttempted),
    fScore: fScore(correct, attempted, n),
    fScoreInterval: fScoreInterval(rows),
    hallucinationRate: {
      overall: { ...share((o) => o === 'incorrect'), definition: 'incorrect / all scored samples (abstentions count as not hallucinating)' },
      givenAttempted: { ...share((o) => o === 'incorrect', isAttempted), definition: 'incorrect / attempted answers (abstentions excluded)' },
    },
    penalised: (opts.thresholds ?? PENALTY_THRESHOLDS).map((t) => penalisedScore(rows, t)),
    bootstrap: { resamples, seed, confidence: 0.95 },
  };
}

/** SimpleQA's F: harmonic mean of overall correct and accuracy given attempted. */
export function fScore(correct: number, attempted: number, n: number): number {
  if (n === 0) return NaN;
  const overall = correct / n;
  const given = attempted === 0 ? 0 : correct / attempted;
  return overall + given === 0 ? 0 : (2 * overall * given) / (overall + given);
}

export function penaltyFor(t: number): number {
  if (!(t >= 0 && t < 1)) throw new RangeError(`penalty threshold t must be in [0, 1), got ${t}`);
  return t / (1 - t);
}

/** Penalised score at threshold t with its interval (clusteredMean within [−penalty, 1]). */
export function penalisedScore(rows: readonly { outcome: Scored; cluster: string | number }[], t: number): PenalisedScore {
  const penalty = penaltyFor(t);
  const values = rows.map((r) => ({ cluster: r.cluster, value: r.outcome === 'correct' ? 1 : r.outcome === 'incorrect' ? -penalty : 0 }));
  const interval = clusteredMean(values, { bounds: [-penalty, 1] });
  const score = rows.length === 0 ? NaN : values.reduce((s, v) => s + v.value, 0) / rows.length;
  return { t, penalty, score, lower: interval.lower, upper: interval.upper, method: interval.method };
}

/**
 * Interval of SimpleQA's F = 2c/(n + c + i) by inverting clusteredMean: θ is inside exactly when
 * the interval for the mean of w_θ (2 − 2θ correct, −2θ incorrect, −θ declined; bounds
 * [−2θ, 2 − 2θ]) holds 0. Its lower (upper) end falls as θ grows, so each end of the F interval
 * is found by bisection.
 */
export function fScoreInterval(rows: readonly { outcome: Scored; cluster: string | number }[]): FScoreInterval {
  const method = 'fieller-inversion-of-clustered-mean';
  const n = rows.length;
  if (n === 0) return { lower: NaN, upper: NaN, method };
  const c = rows.filter((r) => r.outcome === 'correct').length;
  const i = rows.filter((r) => r.outcome === 'incorrect').length;
  const estimate = (2 * c) / (n + c + i);
  const interval = (theta: number) => clusteredMean(
    rows.map((r) => ({ cluster: r.cluster, value: r.outcome === 'correct' ? 2 - 2 * theta : r.outcome === 'incorrect' ? -2 * theta : -theta })),
    { bounds: [-2 * theta, 2 - 2 * theta] },
  );
  if (!interval(estimate).defined) return { lower: NaN, upper: NaN, method };
  const lower = interval(0).lower <= 0 ? 0 : bisect(0, estimate, (theta) => interval(theta).lower > 0);
  const upper = interval(1).upper >= 0 ? 1 : bisect(estimate, 1, (theta) => interval(theta).upper >= 0);
  return { lower, upper, method };
}

/** The point in [lo, hi] where `below` turns from true to false (true at lo, false at hi), to 1e-9. */
function bisect(lo: number, hi: number, below: (x: number) => boolean): number {
  while (hi - lo > 1e-9) {
    const mid = (lo + hi) / 2;
    if (below(mid)) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
