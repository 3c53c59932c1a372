/**
 * Self-preference of judges in a cross-lab panel: does a judge grade its own lab's models more
 * kindly than the rest of the panel grades the same answers? (The bias studied by Panickssery et
 * al. 2024, "LLM Evaluators Recognize and Favor Their Own Generations", and Zheng et al. 2023,
 * "Judging LLM-as-a-Judge", §3.3, measured here against the panel rather than against humans.)
 *
 * For judge J from lab L, over items i whose target model is from lab L and that J and at least
 * one other judge graded:
 *
 *   d_i        = v_{J,i} − mean_{o ≠ J} v_{o,i}       (others averaged within the item first)
 *   difference = mean_i d_i
 *
 * with a paired bootstrap over items (paired-bootstrap.ts): J's grade and the others' mean on one
 * item are resampled together. Averaging others within an item first keeps an item with more
 * judges from counting more. A positive difference means J is more favourable to its own lab than
 * the panel is (for scores where higher is better for the target).
 */
import type { BootstrapOptions } from './bootstrap.js';
import { pairedBootstrap } from './paired-bootstrap.js';

export interface PanelGrade {
  itemId: string | number;
  /** Lab of the model whose answer was graded. */
  targetLab: string;
  judge: string;
  judgeLab: string;
  /** 1/0 for correct/not (or safe/unsafe), or a numeric rubric score. */
  value: number;
}

export interface SelfPreferenceOptions extends BootstrapOptions {
  /**
   * Who "the rest of the panel" is: every other judge (default), or only judges from other labs.
   * 'other-labs' avoids a lab's second judge, which may share the same bias, diluting the estimate.
   */
  others?: 'other-judges' | 'other-labs';
}

export interface SelfPreference {
  judge: string;
  lab: string;
  /** Own-lab items graded by this judge and by at least one comparison judge. */
  n: number;
  /** Mean of (judge's value − others' mean) over those items; NaN when n = 0. */
  difference: number;
  /** Paired bootstrap percentile interval of the difference. */
  lower: number;
  upper: number;
  /** Two-sided bootstrap p-value for "no self-preference". */
  pValue: number;
  /** The two means whose difference is reported, over the same n items. */
  judgeMean: number;
  othersMean: number;
  /** False when n = 0 (no own-lab items with a comparison grade); `reason` says so. */
  defined: boolean;
  reason?: string;
}

/** One result per judge, in the order judges first appear in `grades`. */
export function selfPreference(grades: readonly PanelGrade[], opts: SelfPreferenceOptions = {}): SelfPreference[] {
  const others = opts.others ?? 'other-judges';
  if (others !== 'other-judges' && others !== 'other-labs') throw new RangeError(`selfPreference: others must be 'other-judges' or 'other-labs', got ${String(others)}`);
  const itemLab = new Map<string | number, string>();
  const judgeLab = new Map<string, string>();
  const byItem = new Map<string | number, Map<string, number>>();
  grades.forEach((g, i) => {
    if ((typeof g.itemId !== 'string' && typeof g.itemId !== 'number') || typeof g.targetLab !== 'string' || typeof g.judge !== 'string' || typeof g.judgeLab !== 'string') {
      throw new RangeError(`selfPreference: grade ${i} needs itemId, targetLab, judge and judgeLab`);
    }
    if (typeof g.value !== 'number' || !Number.isFinite(g.value)) throw new RangeError(`selfPreference: grade ${i} value must be a finite number, got ${g.value}`);
    const lab = itemLab.get(g.itemId);
    if (lab !== undefined && lab !== g.targetLab) throw new RangeError(`selfPreference: item ${String(g.itemId)} has target lab ${lab} and ${g.targetLab}`);
    itemLab.set(g.itemId, g.targetLab);
    const jl = judgeLab.get(g.judge);
    if (jl !== undefined && jl !== g.judgeLab) throw new RangeError(`selfPreference: judge ${g.judge} is listed under lab ${jl} and ${g.judgeLab}`);
    judgeLab.set(g.judge, g.judgeLab);
    const row = byItem.get(g.itemId) ?? new Map<string, number>();
    if (row.has(g.judge)) throw new RangeError(`selfPreference: judge ${g.judge} graded item ${String(g.itemId)} twice (reduce repeated gradings first)`);
    row.set(g.judge, g.value);
    byItem.set(g.itemId, row);
  });

  return [...judgeLab].map(([judge, lab]) => {
    const own: number[] = [];
    const rest: number[] = [];
    for (const [itemId, row] of byItem) {
      const mine = row.get(judge);
      if (itemLab.get(itemId) !== lab || mine === undefined) continue;
      let sum = 0;
      let count = 0;
      for (const [other, value] of row) {
        if (other === judge || (others === 'other-labs' && judgeLab.get(other) === lab)) continue;
        sum += value;
        count++;
      }
      if (count === 0) continue;
      own.push(mine);
      rest.push(sum / count);
    }
    const boot = pairedBootstrap(own, rest, opts);
    return {
      judge, lab, n: own.length,
      difference: boot.difference, lower: boot.lower, upper: boot.upper, pValue: boot.pValue,
      judgeMean: boot.statisticA, othersMean: boot.statisticB,
      defined: boot.defined,
      ...(boot.defined ? {} : { reason: `no item from lab ${lab} was graded by ${judge} and by a comparison judge` }),
    };
  });
}
