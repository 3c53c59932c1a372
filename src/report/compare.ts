/**
 * Paired comparison of two models on the same samples: which differences in a suite's declared
 * outcomes and scores are real. Pure: outcomes in, numbers out (the CLI reads the store).
 *
 * - Pairing: a sample counts when both models have it; with several epochs each model's epochs
 *   (those both models have scored) are reduced to one outcome per sample by majority, and a
 *   sample whose epochs tie is dropped rather than given a guessed outcome.
 * - Binary outcomes (the suite's declared labels): McNemar's exact test.
 * - Per-sample scores (declared: a value per outcome, or the stored value averaged over the
 *   paired epochs): seeded paired bootstrap of the difference of means.
 * - Holm's correction across every metric compared, so "significant" survives the number of tests.
 */
import type { SuiteMeasures } from '../core/measures.js';
import { UNSCORED, type Outcome } from '../core/outcome.js';
import { DEFAULT_RESAMPLES, DEFAULT_SEED } from '../metrics/bootstrap.js';
import { majority } from '../metrics/epochs.js';
import { holm } from '../metrics/holm.js';
import { mcnemarExact } from '../metrics/mcnemar.js';
import { pairedBootstrap } from '../metrics/paired-bootstrap.js';

type Scored = Outcome;

/** One model's outcome on one sample and epoch (as the store's metric rows give them). */
export interface EpochOutcome {
  sampleId: string;
  epoch: number;
  outcome: Outcome;
  /** The scorer's numeric value, where it has one. */
  value?: number | null;
}

export interface Pairing {
  sampleIds: string[];
  /** One outcome per paired sample, in `sampleIds` order. */
  a: Scored[];
  b: Scored[];
  /** Mean stored value over each paired sample's paired epochs (NaN where a value is missing). */
  valuesA: number[];
  valuesB: number[];
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
  /** What the paired scores are (the suite's words). */
  scoresNote: string;
}

export interface CompareOptions {
  alpha?: number;
  resamples?: number;
  seed?: number;
}

export function compareModels(
  a: readonly EpochOutcome[], b: readonly EpochOutcome[], declared: SuiteMeasures['compare'], opts: CompareOptions = {},
): Comparison {
  const alpha = opts.alpha ?? 0.05;
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;
  const seed = opts.seed ?? DEFAULT_SEED;
  const pairing = pairOutcomes(a, b);
  const n = pairing.sampleIds.length;

  const rows: Omit<MetricComparison, 'holmP' | 'significant'>[] = [
    ...declared.binary.map(({ labels, title }) => {
      const is = (o: Outcome) => labels.includes(o);
      return binaryComparison(title, pairing.a.map(is), pairing.b.map(is));
    }),
    ...declared.scores.map((s) => {
      const values = (outcomes: Scored[], stored: number[]) => (s.fromOutcome ? outcomes.map(s.fromOutcome) : stored);
      return scoreComparison(s.title, values(pairing.a, pairing.valuesA), values(pairing.b, pairing.valuesB), resamples, seed);
    }),
  ];
  // A bootstrap p of 0 means "below 2/R"; Holm gets that bound, so its adjusted p is an upper bound too.
  const adjusted = holm(rows.map((r) => r.p), alpha);
  const metrics = rows.map((r, i) => ({ ...r, holmP: adjusted.adjusted[i], significant: adjusted.significant[i] }));
  const d = pairing.dropped;
  return {
    pairing, n, nDropped: d.onlyA + d.onlyB + d.unscored + d.tied, metrics, alpha,
    bootstrap: { resamples, seed, confidence: 0.95 }, scoresNote: declared.scoresNote,
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
  const valuesA: number[] = [];
  const valuesB: number[] = [];
  for (const id of [...bySampleB.keys()]) if (!bySampleA.has(id)) dropped.onlyB++;
  for (const [id, epochsA] of [...bySampleA].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const epochsB = bySampleB.get(id);
    if (!epochsB) { dropped.onlyA++; continue; }
    const labelsA: Scored[] = [];
    const labelsB: Scored[] = [];
    const sumA = { total: 0, n: 0 };
    const sumB = { total: 0, n: 0 };
    for (const [epoch, ea] of [...epochsA].sort(([x], [y]) => x - y)) {
      const eb = epochsB.get(epoch);
      if (ea.outcome !== UNSCORED && eb !== undefined && eb.outcome !== UNSCORED) {
        labelsA.push(ea.outcome);
        labelsB.push(eb.outcome);
        add(sumA, ea.value);
        add(sumB, eb.value);
      }
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
    valuesA.push(sumA.n === labelsA.length ? sumA.total / sumA.n : NaN);
    valuesB.push(sumB.n === labelsB.length ? sumB.total / sumB.n : NaN);
  }
  return { sampleIds, a: outA, b: outB, valuesA, valuesB, dropped, epochsUnpaired, maxEpochs };
}

function add(sum: { total: number; n: number }, value: number | null | undefined): void {
  if (typeof value === 'number' && Number.isFinite(value)) {
    sum.total += value;
    sum.n++;
  }
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

function scoreComparison(metric: string, a: number[], b: number[], resamples: number, seed: number): Omit<MetricComparison, 'holmP' | 'significant'> {
  // A sample whose value is missing on either side (a scorer with no value) is left out of this test.
  const keep = a.map((x, i) => Number.isFinite(x) && Number.isFinite(b[i]));
  const r = pairedBootstrap(a.filter((_, i) => keep[i]), b.filter((_, i) => keep[i]), { resamples, seed });
  const pIsBound = r.defined && r.pValue === 0;
  return {
    metric, test: 'paired-bootstrap',
    a: r.statisticA, b: r.statisticB, difference: r.difference,
    interval: { lower: r.lower, upper: r.upper, confidence: 0.95 },
    p: !r.defined ? NaN : pIsBound ? 2 / r.resamples : r.pValue,
    pIsBound,
  };
}

function groupBySample(rows: readonly EpochOutcome[]): Map<string, Map<number, EpochOutcome>> {
  const out = new Map<string, Map<number, EpochOutcome>>();
  for (const r of rows) {
    let epochs = out.get(r.sampleId);
    if (!epochs) out.set(r.sampleId, (epochs = new Map()));
    if (epochs.has(r.epoch)) throw new RangeError(`compare: sample ${r.sampleId} epoch ${r.epoch} appears twice for one model`);
    epochs.set(r.epoch, r);
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
  /** The scorer whose outcomes are compared (the run's primary scorer) and its short name. */
  scorer: string;
  scorerTitle: string;
  /** The primary scorer is the judge panel's. */
  judged: boolean;
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
