import type { MetricRow, SuiteMeasures } from '../core/measures.js';
import { UNSCORED, type Outcome } from '../core/outcome.js';
import { clusteredProportion, type ClusteredInterval } from '../metrics/clustered.js';
import { consistencyRate, majority, meanOverSamples, type ConsistencyRate } from '../metrics/epochs.js';
import { wilson, type Proportion } from '../metrics/proportion.js';

/**
 * What repeated epochs say about one model. Epochs of one sample are not independent, so the
 * success share gets a cluster-robust interval (clusters = samples), and per-sample reductions
 * (majority, pass@k, pass^k) are reported beside how often the epochs agreed at all.
 */
export interface EpochReport {
  model: string;
  epochs: number;
  samples: number;
  /** The label counted as success (the suite's declaration), if it has one. */
  success: string | null;
  /** Success share over every (sample, epoch), with a 95% interval clustered by sample. */
  successClustered: ClusteredInterval | null;
  /** Share of samples whose majority outcome over epochs is each declared label (ties: first seen). */
  majority: { label: string; share: Proportion }[];
  ties: number;
  /** pass@k: at least one of k epochs a success; pass^k: all k (unbiased estimators, k = epochs). NaN without a success label. */
  passAtK: number;
  passHatK: number;
  /** Share of samples with the same outcome in every epoch. */
  consistency: ConsistencyRate;
}

export function epochReports(rowsByModel: ReadonlyMap<string, readonly MetricRow[]>, measures: Pick<SuiteMeasures, 'epochs'>, epochs: number): EpochReport[] {
  const success = measures.epochs.success ?? null;
  return [...rowsByModel].map(([model, rows]) => {
    const bySample = new Map<string, Outcome[]>();
    for (const r of rows) {
      if (r.outcome === UNSCORED) continue;
      const list = bySample.get(r.sampleId);
      if (list) list.push(r.outcome);
      else bySample.set(r.sampleId, [r.outcome]);
    }
    const samples = [...bySample.entries()];
    const reduced = samples.map(([, list]) => majority(list));
    const n = reduced.length;
    const wins = samples.map(([, list]) => list.map((o) => o === success));
    const k = Math.min(epochs, ...wins.map((c) => c.length));
    return {
      model,
      epochs,
      samples: n,
      success,
      successClustered: success === null ? null
        : clusteredProportion(samples.flatMap(([id, list]) => list.map((o) => ({ cluster: id, value: o === success ? 1 : 0 })))),
      majority: measures.epochs.majority.map((label) => ({ label, share: wilson(reduced.filter((r) => r.label === label).length, n) })),
      ties: reduced.filter((r) => r.tie).length,
      passAtK: success !== null && n && k >= 1 ? meanOverSamples(wins, k, 'any') : NaN,
      passHatK: success !== null && n && k >= 1 ? meanOverSamples(wins, k, 'all') : NaN,
      consistency: consistencyRate(samples.map(([, list]) => list)),
    };
  });
}
