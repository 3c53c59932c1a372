/**
 * Which samples each model lost before a paired comparison, and whether the two lost different
 * amounts. Use it beside every compare: samples a grader could not score are excluded from n,
 * and with epochs a sample whose majority ties has no outcome, so a model that is unscored or
 * undecided more often is compared on a different (often easier) subset — informative
 * missingness, which no test on the kept pairs can see.
 *
 * Per model and sample (from that model's own epochs, so a drop is attributed to the model that
 * caused it): 'unscored' when no epoch was scored, 'tied' when the scored epochs' majority ties,
 * else 'kept'. On the samples both models have, dropped-vs-kept is a paired binary outcome, so
 * the test of "same drop rate" is McNemar's exact test on the discordant samples (dropped for one
 * model only). `informativeMissingness` is p < alpha; `warning` is a one-line sentence for the report.
 */
import { majority } from './epochs.js';
import { mcnemarExact } from './mcnemar.js';

/** One model's outcome on one sample and epoch (the shape compare reads from the store). */
export interface EpochResult {
  sampleId: string;
  epoch: number;
  outcome: string;
}

export interface DropCounts {
  /** Samples this model has. */
  samples: number;
  kept: number;
  /** No epoch was scored. */
  unscored: number;
  /** Scored epochs tie for the majority. */
  tied: number;
  dropped: number;
  /** dropped / samples; NaN for no samples. */
  rate: number;
}

export interface DropAccounting {
  a: DropCounts;
  b: DropCounts;
  /** Samples both models have: the basis of the test. */
  paired: number;
  /** Samples only one model has (not drops of grading; reported apart). */
  onlyA: number;
  onlyB: number;
  /** Paired samples dropped for A but kept for B, and the reverse. */
  discordant: { droppedOnlyA: number; droppedOnlyB: number };
  test: 'mcnemar-exact';
  /** Two-sided exact p for "the two models drop samples at the same rate"; NaN with no paired sample. */
  pValue: number;
  alpha: number;
  informativeMissingness: boolean;
  warning?: string;
}

export interface DropAccountingOptions {
  alpha?: number;
  /** The outcome that means "not scored"; 'unscored' by default. */
  unscored?: string;
  /** Names for the warning; 'A' and 'B' by default. */
  labels?: readonly [string, string];
}

type Status = 'kept' | 'unscored' | 'tied';

export function dropAccounting(a: readonly EpochResult[], b: readonly EpochResult[], opts: DropAccountingOptions = {}): DropAccounting {
  const alpha = opts.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`dropAccounting: alpha must be in (0, 1), got ${alpha}`);
  const unscored = opts.unscored ?? 'unscored';
  const [labelA, labelB] = opts.labels ?? ['A', 'B'];
  const statusA = statusBySample(a, unscored, 'a');
  const statusB = statusBySample(b, unscored, 'b');
  let droppedOnlyA = 0;
  let droppedOnlyB = 0;
  let paired = 0;
  for (const [id, sa] of statusA) {
    const sb = statusB.get(id);
    if (sb === undefined) continue;
    paired++;
    if (sa !== 'kept' && sb === 'kept') droppedOnlyA++;
    if (sa === 'kept' && sb !== 'kept') droppedOnlyB++;
  }
  const countsA = counts(statusA);
  const countsB = counts(statusB);
  const pValue = paired === 0 ? NaN : mcnemarExact(droppedOnlyA, droppedOnlyB).pValue;
  const informativeMissingness = pValue < alpha;
  const describe = (label: string, c: DropCounts) => `${label} dropped ${c.dropped} of ${c.samples} samples (${pct(c.rate)}: ${c.unscored} unscored, ${c.tied} tied)`;
  return {
    a: countsA,
    b: countsB,
    paired,
    onlyA: statusA.size - paired,
    onlyB: statusB.size - paired,
    discordant: { droppedOnlyA, droppedOnlyB },
    test: 'mcnemar-exact',
    pValue,
    alpha,
    informativeMissingness,
    ...(informativeMissingness
      ? { warning: `${describe(labelA, countsA)}; ${describe(labelB, countsB)}; exact McNemar p = ${pValue.toPrecision(2)}: the models are compared on different subsets (informative missingness)` }
      : {}),
  };
}

function statusBySample(rows: readonly EpochResult[], unscored: string, side: string): Map<string, Status> {
  const bySample = new Map<string, Map<number, string>>();
  rows.forEach((r, i) => {
    if (typeof r.sampleId !== 'string' || !Number.isInteger(r.epoch) || typeof r.outcome !== 'string') {
      throw new RangeError(`dropAccounting: ${side}[${i}] needs a string sampleId, an integer epoch and a string outcome`);
    }
    const epochs = bySample.get(r.sampleId) ?? new Map<number, string>();
    if (epochs.has(r.epoch)) throw new RangeError(`dropAccounting: sample ${r.sampleId} epoch ${r.epoch} appears twice for model ${side}`);
    epochs.set(r.epoch, r.outcome);
    bySample.set(r.sampleId, epochs);
  });
  const status = new Map<string, Status>();
  for (const [id, epochs] of bySample) {
    const scored = [...epochs.values()].filter((o) => o !== unscored);
    if (scored.length === 0) status.set(id, 'unscored');
    else status.set(id, majority(scored, { onTie: 'none' }).tie ? 'tied' : 'kept');
  }
  return status;
}

function counts(status: Map<string, Status>): DropCounts {
  const c = { samples: status.size, kept: 0, unscored: 0, tied: 0 };
  for (const s of status.values()) c[s]++;
  const dropped = c.unscored + c.tied;
  return { ...c, dropped, rate: c.samples === 0 ? NaN : dropped / c.samples };
}

const pct = (x: number) => (Number.isNaN(x) ? 'n/a' : `${(100 * x).toFixed(1)}%`);
