import type { JudgeHandle, PanelOptions, Score } from '../../../core/suite.js';
import { asGradable, type LabelledItem } from './calibration-labels.js';
import { calibrationStats, type CalibrationStats } from './calibration.js';
import { combine } from '../../../scoring/panel.js';
import { gradeWithSimpleQa, MODEL_GRADER_NAME, GRADER_PROMPT_VERSION } from '../grading/simpleqa-grader.js';

export interface JudgeCalibration {
  /** The judge's ref, or `panel` for the combined verdict. */
  name: string;
  stats: CalibrationStats;
  /** Why grades were unscored, with counts (most frequent first). */
  unscoredReasons: { reason: string; n: number }[];
}

export interface CalibrationResult {
  judges: JudgeCalibration[];
  panel: JudgeCalibration;
  rule: PanelOptions['rule'];
  promptVersion: string;
}

/**
 * Every judge grades every item with the suite's grader prompt, independently; the panel verdict
 * is `combine` over their grades, exactly as in a run. The judges' generate functions go through
 * the scheduler, which bounds concurrency, so all items are submitted at once.
 */
export async function calibrateJudges(items: readonly LabelledItem[], judges: readonly JudgeHandle[], rule: PanelOptions['rule']): Promise<CalibrationResult> {
  const graded = await Promise.all(items.map(async (item) => {
    const { sample, transcript } = asGradable(item);
    const parts = await Promise.all(judges.map((judge) => gradeWithSimpleQa(sample, transcript, judge)));
    return { parts, verdict: combine(MODEL_GRADER_NAME, parts, rule) };
  }));
  const human = items.map((i) => i.label);
  const summarise = (name: string, scores: Score[]): JudgeCalibration => ({
    name,
    stats: calibrationStats(human, scores.map((s) => s.outcome)),
    unscoredReasons: countReasons(scores),
  });
  return {
    judges: judges.map((j, k) => summarise(j.ref, graded.map((g) => g.parts[k]))),
    panel: summarise('panel', graded.map((g) => g.verdict)),
    rule,
    promptVersion: GRADER_PROMPT_VERSION,
  };
}

function countReasons(scores: Score[]): { reason: string; n: number }[] {
  const counts = new Map<string, number>();
  for (const s of scores) {
    if (s.outcome !== 'unscored') continue;
    // Replies differ item by item; the reason's first clause is what repeats.
    const reason = (s.unscoredReason ?? 'no reason given').split(':')[0];
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts].map(([reason, n]) => ({ reason, n })).sort((a, b) => b.n - a.n);
}
