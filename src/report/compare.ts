/**
 * Paired comparison of two models on the same samples: which differences in a suite's declared
 * outcomes and scores are real. Pure: outcomes in, numbers out (the CLI reads the store).
 *
 * - Pairing: a sample counts when both models have it; with several epochs each model's epochs
 *   (those both models have scored) are reduced to one outcome per sample by majority, and a
 *   sample whose epochs tie is dropped rather than given a guessed outcome. How many samples each
 *   model lost, and whether the two lost different amounts (informative missingness), is reported.
 * - A suite whose grouping key must not be pooled (the hallucination suite's item kinds) is
 *   compared within each value of the key: pooled numbers would mix different measurements.
 * - Binary outcomes (the suite's declared labels): McNemar's exact test.
 * - Per-sample scores: an exact sign-flip test up to 20 differing pairs, a seeded Monte Carlo
 *   sign-flip test above (never a p the data cannot support: at n = 1 it is 1), with a
 *   cluster-robust interval for the mean difference.
 * - Holm's correction across every test, so "significant" survives the number of tests.
 */
import type { PairedScoreDecl, SuiteMeasures } from '../core/measures.js';
import { UNSCORED, type Outcome } from '../core/outcome.js';
import { dropAccounting, type DropAccounting } from '../metrics/drop-accounting.js';
import { majority } from '../metrics/epochs.js';
import { holm } from '../metrics/holm.js';
import { pairedTest, type PairedTestName } from '../metrics/paired-test.js';

/** One model's outcome on one sample and epoch (as the store's metric rows give them). */
export interface EpochOutcome {
  sampleId: string;
  epoch: number;
  outcome: Outcome;
  /** The scorer's numeric value, where it has one. */
  value?: number | null;
  /** The sample's value of the grouping key compared within, when there is one. */
  group?: string | null;
}

export interface Pairing {
  sampleIds: string[];
  /** One outcome per paired sample, in `sampleIds` order. */
  a: Outcome[];
  b: Outcome[];
  /** Mean stored value over each paired sample's paired epochs (NaN where a value is missing). */
  valuesA: number[];
  valuesB: number[];
  /** Each paired sample's group (null without one). */
  groups: (string | null)[];
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
  /** The group the test is within (e.g. "answerable"), or null for every sample. */
  group: string | null;
  test: PairedTestName;
  /** Pairs the test used. */
  n: number;
  /** A's and B's value (a rate or a mean score) on the paired samples, and A − B. */
  a: number;
  b: number;
  difference: number;
  /** McNemar: samples where only A (b) or only B (c) had the outcome. */
  discordant?: { onlyA: number; onlyB: number };
  /** Scores: 95% interval of the mean difference. */
  interval?: { lower: number; upper: number; confidence: number; method: string };
  /** Two-sided p; NaN when nothing was paired. */
  p: number;
  holmP: number;
  significant: boolean;
}

export interface Comparison {
  pairing: Pairing;
  /** Paired samples. */
  n: number;
  /** Samples dropped for any reason (see pairing.dropped). */
  nDropped: number;
  /** Per model: samples lost to unscored grades or tied epochs, and whether the rates differ. */
  drops: DropAccounting;
  metrics: MetricComparison[];
  alpha: number;
  /** What the paired scores are (the suite's words). */
  scoresNote: string;
}

export interface CompareOptions {
  alpha?: number;
  /** Random sign assignments for the Monte Carlo test (above 20 differing pairs). */
  resamples?: number;
  seed?: number;
  /** Titles of the group values, for metric names. */
  groupTitles?: Record<string, string>;
  /** Group values in the order to report them. */
  groupOrder?: readonly string[];
}

export function compareModels(
  a: readonly EpochOutcome[], b: readonly EpochOutcome[], declared: SuiteMeasures['compare'], opts: CompareOptions = {},
): Comparison {
  const alpha = opts.alpha ?? 0.05;
  const pairing = pairOutcomes(a, b);
  const groups = orderedGroups(pairing.groups, opts.groupOrder);
  const rows: Omit<MetricComparison, 'holmP' | 'significant'>[] = [];
  for (const group of groups) {
    const idx = pairing.groups.map((g, i) => (g === group ? i : -1)).filter((i) => i >= 0);
    const pick = <T>(xs: T[]) => idx.map((i) => xs[i]);
    const [oa, ob, va, vb] = [pick(pairing.a), pick(pairing.b), pick(pairing.valuesA), pick(pairing.valuesB)];
    const title = group === null ? '' : `${opts.groupTitles?.[group] ?? group}: `;
    for (const { labels, title: name } of declared.binary) {
      const is = (o: Outcome) => labels.includes(o);
      // A label neither model gave in this group carries no information: no test, not part of Holm's family.
      if (group !== null && !oa.some(is) && !ob.some(is)) continue;
      rows.push(binaryComparison(`${title}${name}`, group, oa.map(is), ob.map(is)));
    }
    for (const s of declared.scores) {
      const values = (outcomes: Outcome[], stored: number[]) => (s.fromOutcome ? outcomes.map(s.fromOutcome) : stored);
      rows.push(scoreComparison(`${title}${s.title}`, group, s, values(oa, va), values(ob, vb), opts));
    }
  }
  const adjusted = holm(rows.map((r) => r.p), alpha);
  const metrics = rows.map((r, i) => ({ ...r, holmP: adjusted.adjusted[i], significant: adjusted.significant[i] }));
  const d = pairing.dropped;
  return {
    pairing, n: pairing.sampleIds.length, nDropped: d.onlyA + d.onlyB + d.unscored + d.tied,
    drops: dropAccounting(a, b, { alpha }), metrics, alpha, scoresNote: declared.scoresNote,
  };
}

/** Matches the two models' outcomes by sample id and epoch, then reduces epochs by majority. */
export function pairOutcomes(a: readonly EpochOutcome[], b: readonly EpochOutcome[]): Pairing {
  const bySampleA = groupBySample(a);
  const bySampleB = groupBySample(b);
  const dropped = { onlyA: 0, onlyB: 0, unscored: 0, tied: 0 };
  let epochsUnpaired = 0;
  let maxEpochs = 0;
  const out: Omit<Pairing, 'dropped' | 'epochsUnpaired' | 'maxEpochs'> = { sampleIds: [], a: [], b: [], valuesA: [], valuesB: [], groups: [] };
  for (const id of [...bySampleB.keys()]) if (!bySampleA.has(id)) dropped.onlyB++;
  for (const [id, epochsA] of [...bySampleA].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const epochsB = bySampleB.get(id);
    if (!epochsB) { dropped.onlyA++; continue; }
    const labelsA: Outcome[] = [];
    const labelsB: Outcome[] = [];
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
    out.sampleIds.push(id);
    out.a.push(ma);
    out.b.push(mb);
    out.valuesA.push(sumA.n === labelsA.length ? sumA.total / sumA.n : NaN);
    out.valuesB.push(sumB.n === labelsB.length ? sumB.total / sumB.n : NaN);
    out.groups.push([...epochsA.values()][0].group ?? null);
  }
  return { ...out, dropped, epochsUnpaired, maxEpochs };
}

function add(sum: { total: number; n: number }, value: number | null | undefined): void {
  if (typeof value === 'number' && Number.isFinite(value)) {
    sum.total += value;
    sum.n++;
  }
}

function orderedGroups(groups: readonly (string | null)[], order: readonly string[] = []): (string | null)[] {
  const present = [...new Set(groups)];
  if (present.length === 0) return [null];
  const named = present.filter((g): g is string => g !== null);
  return [...(present.includes(null) ? [null] : []), ...order.filter((g) => named.includes(g)), ...named.filter((g) => !order.includes(g)).sort()];
}

function binaryComparison(metric: string, group: string | null, a: boolean[], b: boolean[]): Omit<MetricComparison, 'holmP' | 'significant'> {
  const r = pairedTest(a.map(Number), b.map(Number));
  return {
    metric, group, test: r.test, n: r.n, a: r.meanA, b: r.meanB, difference: r.difference,
    discordant: r.discordant ?? { onlyA: 0, onlyB: 0 },
    // Nothing paired is no evidence either way: NaN stays out of Holm's m and is never significant.
    p: r.defined ? r.pValue : NaN,
  };
}

function scoreComparison(
  metric: string, group: string | null, decl: PairedScoreDecl, a: number[], b: number[], opts: CompareOptions,
): Omit<MetricComparison, 'holmP' | 'significant'> {
  // A sample whose value is missing on either side (a scorer with no value) is left out of this test.
  const keep = a.map((x, i) => Number.isFinite(x) && Number.isFinite(b[i]));
  const r = pairedTest(a.filter((_, i) => keep[i]), b.filter((_, i) => keep[i]), { bounds: decl.bounds, resamples: opts.resamples, seed: opts.seed });
  return {
    metric, group, test: r.test, n: r.n, a: r.meanA, b: r.meanB, difference: r.difference,
    ...(r.interval?.defined ? { interval: { lower: r.interval.lower, upper: r.interval.upper, confidence: r.interval.confidence, method: r.interval.method } } : {}),
    p: r.defined ? r.pValue : NaN,
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
