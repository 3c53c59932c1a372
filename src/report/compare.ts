/**
 * Paired comparison of two models on the same samples: which differences in the headline
 * hallucination metrics are real. Pure: outcomes in, numbers out (the CLI reads the store).
 *
 * - Pairing: a sample counts when both models have it; with several epochs each model's epochs
 *   (those both models have scored) are reduced to one outcome per sample by majority, and a
 *   sample whose epochs tie is dropped rather than given a guessed outcome.
 * - Binary outcomes (correct, hallucinated = incorrect, abstained): McNemar's exact test.
 * - Penalised scores (+1 correct, −t/(1−t) incorrect, 0 abstained): seeded paired bootstrap of
 *   the difference of means.
 * - Holm's correction across every metric compared, so "significant" survives the number of tests.
 */
import type { Outcome } from '../core/outcome.js';
import { DEFAULT_RESAMPLES, DEFAULT_SEED } from '../metrics/bootstrap.js';
import { majority } from '../metrics/epochs.js';
import { PENALTY_THRESHOLDS, penaltyFor } from '../suites/hallucination/metrics.js';
import { holm } from '../metrics/holm.js';
import { mcnemarExact } from '../metrics/mcnemar.js';
import { pairedBootstrap } from '../metrics/paired-bootstrap.js';

type Scored = Exclude<Outcome, 'unscored'>;

/** One model's outcome on one sample and epoch (as `SqliteStore.sampleOutcomes` yields them). */
export interface EpochOutcome {
  sampleId: string;
  epoch: number;
  outcome: Outcome;
}

export interface Pairing {
  sampleIds: string[];
  /** One outcome per paired sample, in `sampleIds` order. */
  a: Scored[];
  b: Scored[];
  dropped: {
    /** Samples only model A (or only B) has. */
    onlyA: number;
    onlyB: number;
    /** Samples both have, but with no epoch that both models' graders scored. */
    unscored: number;
    /** Samples whose epochs tie for one of the models (majority undecided). */
    tied: number;
  };
  /** Epochs left out of a paired sample: the other model lacks them, or one side is unscored. */
  epochsUnpaired: number;
  /** Most epochs any paired sample had (1 = no reduction was needed). */
  maxEpochs: number;
}

export interface MetricComparison {
  metric: string;
  test: 'mcnemar-exact' | 'paired-bootstrap';
  /** A's and B's value (a rate or a mean score) on the paired samples, and A − B. */
  a: number;
  b: number;
  difference: number;
  /** McNemar: samples where only A (b) or only B (c) had the outcome. */
  discordant?: { onlyA: number; onlyB: number };
  /** Paired bootstrap: percentile interval of the difference. */
  interval?: { lower: number; upper: number; confidence: number };
  /** Two-sided p; NaN when nothing was paired. */
  p: number;
  /** True when the bootstrap p was 0 (no resample crossed 0): the true p is below `p` as reported, 2/resamples. */
  pIsBound: boolean;
  holmP: number;
  significant: boolean;
}

export interface Comparison {
  pairing: Pairing;
  /** Paired samples. */
  n: number;
  /** Samples dropped for any reason (see pairing.dropped). */
  nDropped: number;
  metrics: MetricComparison[];
  alpha: number;
  bootstrap: { resamples: number; seed: number; confidence: number };
  thresholds: number[];
}

export interface CompareOptions {
  alpha?: number;
  resamples?: number;
  seed?: number;
  thresholds?: readonly number[];
}

const BINARY: { metric: string; is: Scored }[] = [
  { metric: 'correct', is: 'correct' },
  { metric: 'hallucinated (incorrect)', is: 'incorrect' },
  { metric: 'abstained', is: 'abstained' },
];

export function compareModels(a: readonly EpochOutcome[], b: readonly EpochOutcome[], opts: CompareOptions = {}): Comparison {
  const alpha = opts.alpha ?? 0.05;
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;
  const seed = opts.seed ?? DEFAULT_SEED;
  const thresholds = [...(opts.thresholds ?? PENALTY_THRESHOLDS)];
  const pairing = pairOutcomes(a, b);
  const n = pairing.sampleIds.length;

  const rows: Omit<MetricComparison, 'holmP' | 'significant'>[] = [
    ...BINARY.map(({ metric, is }) => binaryComparison(metric, pairing.a.map((o) => o === is), pairing.b.map((o) => o === is))),
    ...thresholds.map((t) => scoreComparison(t, pairing, resamples, seed)),
  ];
  // A bootstrap p of 0 means "below 2/R"; Holm gets that bound, so its adjusted p is an upper bound too.
  const adjusted = holm(rows.map((r) => r.p), alpha);
  const metrics = rows.map((r, i) => ({ ...r, holmP: adjusted.adjusted[i], significant: adjusted.significant[i] }));
  const d = pairing.dropped;
  return {
    pairing, n, nDropped: d.onlyA + d.onlyB + d.unscored + d.tied, metrics, alpha,
    bootstrap: { resamples, seed, confidence: 0.95 }, thresholds,
  };
}

/** Matches the two models' outcomes by sample id and epoch, then reduces epochs by majority. */
export function pairOutcomes(a: readonly EpochOutcome[], b: readonly EpochOutcome[]): Pairing {
  const bySampleA = groupBySample(a);
  const bySampleB = groupBySample(b);
  const dropped = { onlyA: 0, onlyB: 0, unscored: 0, tied: 0 };
  let epochsUnpaired = 0;
  let maxEpochs = 0;
  const sampleIds: string[] = [];
  const outA: Scored[] = [];
  const outB: Scored[] = [];
  for (const id of [...bySampleB.keys()]) if (!bySampleA.has(id)) dropped.onlyB++;
  for (const [id, epochsA] of [...bySampleA].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const epochsB = bySampleB.get(id);
    if (!epochsB) { dropped.onlyA++; continue; }
    const labelsA: Scored[] = [];
    const labelsB: Scored[] = [];
    for (const [epoch, oa] of [...epochsA].sort(([x], [y]) => x - y)) {
      const ob = epochsB.get(epoch);
      if (oa !== 'unscored' && ob !== undefined && ob !== 'unscored') { labelsA.push(oa); labelsB.push(ob); }
    }
    if (labelsA.length === 0) { dropped.unscored++; continue; }
    const ma = majority(labelsA, { onTie: 'none' }).label;
    const mb = majority(labelsB, { onTie: 'none' }).label;
    if (ma === undefined || mb === undefined) { dropped.tied++; continue; }
    epochsUnpaired += epochsA.size + epochsB.size - 2 * labelsA.length;
    maxEpochs = Math.max(maxEpochs, labelsA.length);
    sampleIds.push(id);
    outA.push(ma);
    outB.push(mb);
  }
  return { sampleIds, a: outA, b: outB, dropped, epochsUnpaired, maxEpochs };
}

/** Penalised score of one outcome: +1 right, −t/(1−t) wrong, 0 for declining. */
export function penalisedValue(outcome: Scored, t: number): number {
  if (outcome === 'correct') return 1;
  if (outcome === 'incorrect') return -penaltyFor(t);
  return 0;
}

function binaryComparison(metric: string, a: boolean[], b: boolean[]): Omit<MetricComparison, 'holmP' | 'significant'> {
  const n = a.length;
  let onlyA = 0;
  let onlyB = 0;
  let kA = 0;
  let kB = 0;
  for (let i = 0; i < n; i++) {
    if (a[i]) kA++;
    if (b[i]) kB++;
    if (a[i] && !b[i]) onlyA++;
    if (!a[i] && b[i]) onlyB++;
  }
  const rateA = n === 0 ? NaN : kA / n;
  const rateB = n === 0 ? NaN : kB / n;
  return {
    metric, test: 'mcnemar-exact', a: rateA, b: rateB, difference: rateA - rateB,
    discordant: { onlyA, onlyB },
    // Nothing paired is no evidence either way: NaN stays out of Holm's m and is never significant.
    p: n === 0 ? NaN : mcnemarExact(onlyA, onlyB).pValue,
    pIsBound: false,
  };
}

function scoreComparison(t: number, pairing: Pairing, resamples: number, seed: number): Omit<MetricComparison, 'holmP' | 'significant'> {
  const r = pairedBootstrap(pairing.a.map((o) => penalisedValue(o, t)), pairing.b.map((o) => penalisedValue(o, t)), { resamples, seed });
  const pIsBound = r.defined && r.pValue === 0;
  return {
    metric: `penalised score, t = ${t}`, test: 'paired-bootstrap',
    a: r.statisticA, b: r.statisticB, difference: r.difference,
    interval: { lower: r.lower, upper: r.upper, confidence: 0.95 },
    p: !r.defined ? NaN : pIsBound ? 2 / r.resamples : r.pValue,
    pIsBound,
  };
}

function groupBySample(rows: readonly EpochOutcome[]): Map<string, Map<number, Outcome>> {
  const out = new Map<string, Map<number, Outcome>>();
  for (const r of rows) {
    let epochs = out.get(r.sampleId);
    if (!epochs) out.set(r.sampleId, (epochs = new Map()));
    if (epochs.has(r.epoch)) throw new RangeError(`compare: sample ${r.sampleId} epoch ${r.epoch} appears twice for one model`);
    epochs.set(r.epoch, r.outcome);
  }
  return out;
}

/** What one side of the comparison is: conditions travel with results. */
export interface CompareSide {
  label: string;
  ref: string;
  runId: string;
  params: Record<string, unknown>;
  /** Model ids the server said answered (from the store's usage). */
  returnedModels: string[];
  /** The scorer whose outcomes are compared (`model-grader` with judges, else `rule`). */
  scorer: string;
  judges: { ref: string; lab: string; returnedModels: string[] }[];
  panel: { rule: string; excludeSameLab: boolean } | null;
  promptVersions: string[];
  epochs: number;
  suiteOptions: unknown;
  /** Outcomes that are human labels (crosscheck review), which take precedence over graders. */
  humanLabelled: number;
}

export interface CompareReport {
  suite: string;
  suiteVersion: string;
  a: CompareSide;
  b: CompareSide;
  comparison: Comparison;
}
