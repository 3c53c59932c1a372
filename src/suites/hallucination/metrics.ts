/**
 * Headline numbers for the hallucination suite, from one outcome per sample (SimpleQA-style):
 * correct / incorrect / abstained shares, accuracy among attempted answers, their F-score,
 * hallucination rate under both common definitions, and penalised scores at several confidence
 * thresholds t, where a wrong answer costs t/(1−t) points (the break-even of answering only when
 * more than t confident). Unscored samples are excluded from n but reported.
 */
import type { Outcome } from '../../core/outcome.js';
import { mulberry32 } from '../../core/seeded-random.js';
import { binomial } from '../../metrics/binomial.js';
import { DEFAULT_RESAMPLES, DEFAULT_SEED, quantile } from '../../metrics/bootstrap.js';
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
  /** Percentile bootstrap interval over samples. */
  lower: number;
  upper: number;
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
  hallucinationRate: { overall: Rate; givenAttempted: Rate };
  penalised: PenalisedScore[];
  bootstrap: { resamples: number; seed: number; confidence: number };
}

export interface HallucinationMetricsOptions {
  thresholds?: readonly number[];
  resamples?: number;
  seed?: number;
  /** Normal quantile for the Wilson intervals (95% by default). */
  z?: number;
}

type Scored = Exclude<Outcome, 'unscored'>;

export function hallucinationMetrics(
  outcomes: readonly Outcome[],
  opts: HallucinationMetricsOptions = {},
): HallucinationMetrics {
  const scored = outcomes.filter((o): o is Scored => o !== 'unscored');
  const n = scored.length;
  const correct = scored.filter((o) => o === 'correct').length;
  const incorrect = scored.filter((o) => o === 'incorrect').length;
  const abstained = n - correct - incorrect;
  const attempted = correct + incorrect;
  const w = (k: number, m: number) => wilson(k, m, { z: opts.z });

  const accuracyGivenAttempted = w(correct, attempted);
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;
  const seed = opts.seed ?? DEFAULT_SEED;
  return {
    total: outcomes.length,
    n,
    unscored: outcomes.length - n,
    counts: { correct, incorrect, abstained, attempted },
    correct: w(correct, n),
    incorrect: w(incorrect, n),
    abstained: w(abstained, n),
    attempted: w(attempted, n),
    accuracyGivenAttempted,
    fScore: fScore(correct, attempted, n),
    hallucinationRate: {
      overall: { ...w(incorrect, n), definition: 'incorrect / all scored samples (abstentions count as not hallucinating)' },
      givenAttempted: { ...w(incorrect, attempted), definition: 'incorrect / attempted answers (abstentions excluded)' },
    },
    penalised: penalisedScores({ correct, incorrect, n }, opts.thresholds ?? PENALTY_THRESHOLDS, resamples, seed),
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

/**
 * Penalised scores with percentile bootstrap intervals. A sample's value depends only on its
 * outcome, so a resample is fully described by its counts of correct and incorrect answers:
 * each resample draws them as binomials (correct ~ Bin(n, p_correct), then incorrect among the
 * rest) — the same distribution as resampling n samples with replacement, at a cost that does
 * not grow with n — and one resample serves every threshold.
 */
export function penalisedScores(
  counts: { correct: number; incorrect: number; n: number },
  thresholds: readonly number[],
  resamples: number,
  seed: number,
): PenalisedScore[] {
  const { correct, incorrect, n } = counts;
  const penalties = thresholds.map(penaltyFor);
  const score = (c: number, i: number, penalty: number) => (n === 0 ? NaN : (c - i * penalty) / n);
  const byThreshold: number[][] = thresholds.map(() => []);
  if (n > 0) {
    const random = mulberry32(seed);
    const pCorrect = correct / n;
    const pIncorrectGivenNotCorrect = n === correct ? 0 : incorrect / (n - correct);
    for (let r = 0; r < resamples; r++) {
      const c = binomial(n, pCorrect, random);
      const i = binomial(n - c, pIncorrectGivenNotCorrect, random);
      penalties.forEach((penalty, j) => byThreshold[j].push(score(c, i, penalty)));
    }
  }
  return thresholds.map((t, j) => {
    const sorted = byThreshold[j].sort((a, b) => a - b);
    return {
      t,
      penalty: penalties[j],
      score: score(correct, incorrect, penalties[j]),
      lower: n === 0 ? NaN : quantile(sorted, 0.025),
      upper: n === 0 ? NaN : quantile(sorted, 0.975),
    };
  });
}
