/**
 * Self-preference of judges in a cross-lab panel: does a judge grade its own lab's models more
 * kindly than it grades everyone else's, relative to the rest of the panel? (The bias studied by
 * Panickssery et al. 2024, "LLM Evaluators Recognize and Favor Their Own Generations", and Zheng
 * et al. 2023, "Judging LLM-as-a-Judge", §3.3, measured against the panel rather than humans.)
 *
 * Measured as a difference in differences, so a judge that is simply lenient (or strict) with
 * every lab is not flagged, and the rest of the panel does not show a spurious opposite bias.
 * For judge J from lab L and each item i that J and at least one comparison judge graded:
 *
 *   e_i        = v_{J,i} − mean_{o ≠ J} v_{o,i}        (J's excess over the panel on item i)
 *   own        = mean of e_i over items whose target model is from lab L
 *   other      = mean of e_i over items from any other lab
 *   difference = own − other
 *
 * (A judge 0.15 more lenient to every lab has own ≈ other ≈ 0.15, difference ≈ 0; comparing own
 * items with the panel alone reported 0.145, p = 0.002.) Uncertainty: a cluster bootstrap
 * (Field & Welsh 2007) that resamples clusters — by default each item alone; pass the sample id
 * so the epochs and the different models' answers to one question move together — with the
 * percentile interval and p = min(1, 2·(1 + #{d* on the far side of 0}) / (1 + R)), which is never
 * 0. `flagged` means the interval lies above 0. Both groups need items: a panel that graded only
 * one lab's models cannot separate self-preference from leniency, and says so.
 */
import type { BootstrapOptions } from './bootstrap.js';
import { bootstrapDistribution, bootstrapSettings, percentileInterval, twoSidedBootstrapP } from './bootstrap-distribution.js';

export interface PanelGrade {
  itemId: string | number;
  /** Lab of the model whose answer was graded. */
  targetLab: string;
  judge: string;
  judgeLab: string;
  /** 1/0 for correct/not (or safe/unsafe), or a numeric rubric score; higher is kinder to the target. */
  value: number;
  /** Items of one cluster are resampled together (e.g. the sample id); the item itself by default. */
  cluster?: string | number;
}

export interface SelfPreferenceOptions extends BootstrapOptions {
  /**
   * Who "the rest of the panel" is: every other judge (default), or only judges from other labs.
   * 'other-labs' keeps a lab's second judge, which may share the same bias, from diluting the estimate.
   */
  others?: 'other-judges' | 'other-labs';
}

export interface SelfPreference {
  judge: string;
  lab: string;
  /** Own-lab items graded by this judge and by at least one comparison judge. */
  n: number;
  /** Other labs' items graded by this judge and by at least one comparison judge. */
  nOther: number;
  /** Clusters resampled. */
  clusters: number;
  /** Mean excess over the panel on own-lab items, and on other labs' items. */
  ownExcess: number;
  otherExcess: number;
  /** ownExcess − otherExcess: the self-preference. NaN when either group is empty. */
  difference: number;
  /** Cluster-bootstrap percentile interval of the difference. */
  lower: number;
  upper: number;
  /** Two-sided bootstrap p for "no self-preference"; never 0. */
  pValue: number;
  /** The interval lies above 0. */
  flagged: boolean;
  resamples: number;
  seed: number;
  /** Resamples that drew no own-lab or no other-lab item (left out). */
  undefinedResamples: number;
  defined: boolean;
  reason?: string;
}

/** One result per judge, in the order judges first appear in `grades`. */
export function selfPreference(grades: readonly PanelGrade[], opts: SelfPreferenceOptions = {}): SelfPreference[] {
  const others = opts.others ?? 'other-judges';
  if (others !== 'other-judges' && others !== 'other-labs') throw new RangeError(`selfPreference: others must be 'other-judges' or 'other-labs', got ${String(others)}`);
  const { confidence } = bootstrapSettings(opts);
  const panel = indexPanel(grades);
  return [...panel.judgeLab].map(([judge, lab]) => {
    const groups = excessByCluster(panel, judge, lab, others);
    const own = totals(groups, 'own');
    const other = totals(groups, 'other');
    const ownExcess = own.count === 0 ? NaN : own.sum / own.count;
    const otherExcess = other.count === 0 ? NaN : other.sum / other.count;
    const difference = ownExcess - otherExcess;
    const dist = bootstrapDistribution(groups.length, (indices) => {
      let os = 0, oc = 0, xs = 0, xc = 0;
      for (const g of indices) { os += groups[g].ownSum; oc += groups[g].ownCount; xs += groups[g].otherSum; xc += groups[g].otherCount; }
      return oc === 0 || xc === 0 ? NaN : os / oc - xs / xc;
    }, opts);
    const base = { judge, lab, n: own.count, nOther: other.count, clusters: groups.length, ownExcess, otherExcess, difference, resamples: dist.resamples, seed: dist.seed, undefinedResamples: dist.undefinedResamples };
    if (own.count === 0 || other.count === 0) {
      const missing = own.count === 0 ? `no item from lab ${lab}` : `no item from another lab`;
      return { ...base, lower: NaN, upper: NaN, pValue: NaN, flagged: false, defined: false, reason: `${missing} was graded by ${judge} and by a comparison judge` };
    }
    const { lower, upper } = percentileInterval(dist, confidence);
    return { ...base, lower, upper, pValue: twoSidedBootstrapP(dist, { addOne: true }), flagged: lower > 0, defined: true };
  });
}

interface Panel {
  itemLab: Map<string | number, string>;
  itemCluster: Map<string | number, string | number>;
  judgeLab: Map<string, string>;
  byItem: Map<string | number, Map<string, number>>;
}

function indexPanel(grades: readonly PanelGrade[]): Panel {
  const panel: Panel = { itemLab: new Map(), itemCluster: new Map(), judgeLab: new Map(), byItem: new Map() };
  grades.forEach((g, i) => {
    if ((typeof g.itemId !== 'string' && typeof g.itemId !== 'number') || typeof g.targetLab !== 'string' || typeof g.judge !== 'string' || typeof g.judgeLab !== 'string') {
      throw new RangeError(`selfPreference: grade ${i} needs itemId, targetLab, judge and judgeLab`);
    }
    if (typeof g.value !== 'number' || !Number.isFinite(g.value)) throw new RangeError(`selfPreference: grade ${i} value must be a finite number, got ${g.value}`);
    const lab = panel.itemLab.get(g.itemId);
    if (lab !== undefined && lab !== g.targetLab) throw new RangeError(`selfPreference: item ${String(g.itemId)} has target lab ${lab} and ${g.targetLab}`);
    panel.itemLab.set(g.itemId, g.targetLab);
    const cluster = g.cluster ?? g.itemId;
    const known = panel.itemCluster.get(g.itemId);
    if (known !== undefined && known !== cluster) throw new RangeError(`selfPreference: item ${String(g.itemId)} is in cluster ${String(known)} and ${String(cluster)}`);
    panel.itemCluster.set(g.itemId, cluster);
    const jl = panel.judgeLab.get(g.judge);
    if (jl !== undefined && jl !== g.judgeLab) throw new RangeError(`selfPreference: judge ${g.judge} is listed under lab ${jl} and ${g.judgeLab}`);
    panel.judgeLab.set(g.judge, g.judgeLab);
    const row = panel.byItem.get(g.itemId) ?? new Map<string, number>();
    if (row.has(g.judge)) throw new RangeError(`selfPreference: judge ${g.judge} graded item ${String(g.itemId)} twice (reduce repeated gradings first)`);
    row.set(g.judge, g.value);
    panel.byItem.set(g.itemId, row);
  });
  return panel;
}

interface ClusterExcess { ownSum: number; ownCount: number; otherSum: number; otherCount: number }

/** Per cluster: the judge's summed excess over the comparison judges, on own-lab and other items. */
function excessByCluster(panel: Panel, judge: string, lab: string, others: 'other-judges' | 'other-labs'): ClusterExcess[] {
  const clusters = new Map<string | number, ClusterExcess>();
  for (const [itemId, row] of panel.byItem) {
    const mine = row.get(judge);
    if (mine === undefined) continue;
    let sum = 0;
    let count = 0;
    for (const [other, value] of row) {
      if (other === judge || (others === 'other-labs' && panel.judgeLab.get(other) === lab)) continue;
      sum += value;
      count++;
    }
    if (count === 0) continue;
    const key = panel.itemCluster.get(itemId)!;
    const c = clusters.get(key) ?? { ownSum: 0, ownCount: 0, otherSum: 0, otherCount: 0 };
    const excess = mine - sum / count;
    if (panel.itemLab.get(itemId) === lab) { c.ownSum += excess; c.ownCount++; } else { c.otherSum += excess; c.otherCount++; }
    clusters.set(key, c);
  }
  return [...clusters.values()];
}

function totals(groups: readonly ClusterExcess[], which: 'own' | 'other'): { sum: number; count: number } {
  let sum = 0;
  let count = 0;
  for (const g of groups) {
    sum += which === 'own' ? g.ownSum : g.otherSum;
    count += which === 'own' ? g.ownCount : g.otherCount;
  }
  return { sum, count };
}
