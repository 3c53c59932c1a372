/**
 * Did the run's primary scorer grade enough of what finished? A judge that never produces a
 * parseable grade leaves a headline of `n 0`; below the threshold share the run is reported as
 * not graded (the CLI exits 2) with the unscored reasons counted.
 */
import { formatCounts } from '../core/failure-kind.js';
import type { UnscoredReasonCount } from '../store/records.js';
import type { RunStore } from '../store/run-store.js';

export const DEFAULT_MIN_SCORED_SHARE = 0.5;

export interface ModelGrading {
  model: string;
  done: number;
  graded: number;
  /** Why the rest are unscored: the scorer's own reasons (judge null) and each judge's. */
  reasons: UnscoredReasonCount[];
}

export interface GradingCheck {
  scorer: string;
  /** The scorer's short name for messages ("model grader", "rule grader"). */
  title: string;
  minShare: number;
  models: ModelGrading[];
  /** Models with done samples of which less than `minShare` were graded. */
  failing: ModelGrading[];
}

export function checkGrading(store: RunStore, runId: string, scorer: { name: string; title: string }, minShare: number): GradingCheck {
  const reasons = store.unscoredReasons(runId, scorer.name);
  const models = store.gradedCounts(runId, scorer.name).map((c) => ({ ...c, reasons: reasons.filter((r) => r.model === c.model) }));
  const failing = models.filter((m) => m.done > 0 && m.graded < minShare * m.done);
  return { scorer: scorer.name, title: scorer.title, minShare, models, failing };
}

/**
 * One line per failing model: "the model grader graded 0 of 9 samples of openai:x (needs 50%):
 * 9 × only 0 of 1 judges gave a parseable grade; judge scripted:echo: 9 × grader reply had no label".
 */
export function describeGradingFailures(check: GradingCheck): string[] {
  return check.failing.map((m) => {
    const own = m.reasons.filter((r) => r.judge === null);
    const judges = [...new Set(m.reasons.filter((r) => r.judge !== null).map((r) => r.judge!))];
    const parts = [
      ...(own.length ? [formatCounts(own)] : []),
      ...judges.map((j) => `judge ${j}: ${formatCounts(m.reasons.filter((r) => r.judge === j))}`),
    ];
    return `the ${check.title} graded ${m.graded} of ${m.done} samples of ${m.model} (needs ${Math.round(check.minShare * 100)}%)` +
      (parts.length ? `: ${parts.join('; ')}` : '');
  });
}
