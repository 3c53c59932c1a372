import type { Outcome } from '../core/outcome.js';
import { clusterRobustInterval, type ClusterRobustResult } from '../metrics/cluster-bootstrap.js';
import { consistencyRate, majority, meanOverSamples, type ConsistencyRate } from '../metrics/epochs.js';
import { wilson, type Proportion } from '../metrics/proportion.js';
import type { SampleOutcome } from '../store/records.js';

/**
 * What repeated epochs say about one model. Epochs of one sample are not independent, so the
 * correct share gets a cluster-robust interval (clusters = samples), and per-sample reductions
 * (majority, pass@k, pass^k) are reported beside how often the epochs agreed at all.
 */
export interface EpochReport {
  model: string;
  epochs: number;
  samples: number;
  /** Correct share over every (sample, epoch), with a cluster-robust 95% interval. */
  correctClustered: ClusterRobustResult;
  /** Share of samples whose majority outcome over epochs is correct / incorrect / abstained (ties: first seen). */
  majority: { correct: Proportion; incorrect: Proportion; abstained: Proportion; ties: number };
  /** pass@k: at least one of k epochs correct; pass^k: all k correct (unbiased estimators, k = epochs). */
  passAtK: number;
  passHatK: number;
  /** Share of samples with the same outcome in every epoch. */
  consistency: ConsistencyRate;
}

export function epochReports(outcomes: Iterable<SampleOutcome>, models: string[], epochs: number): EpochReport[] {
  const byModel = new Map<string, Map<string, Outcome[]>>(models.map((m) => [m, new Map()]));
  for (const o of outcomes) {
    if (o.outcome === 'unscored') continue;
    const samples = byModel.get(o.model);
    if (!samples) continue;
    const list = samples.get(o.sampleId);
    if (list) list.push(o.outcome);
    else samples.set(o.sampleId, [o.outcome]);
  }
  return models.map((model) => {
    const samples = [...byModel.get(model)!.entries()];
    const reduced = samples.map(([, list]) => majority(list));
    const count = (label: Outcome) => reduced.filter((r) => r.label === label).length;
    const n = reduced.length;
    const correctness = samples.map(([, list]) => list.map((o) => o === 'correct'));
    const k = Math.min(epochs, ...correctness.map((c) => c.length));
    return {
      model,
      epochs,
      samples: n,
      correctClustered: clusterRobustInterval(samples.flatMap(([id, list]) => list.map((o) => ({ cluster: id, value: o === 'correct' ? 1 : 0 })))),
      majority: {
        correct: wilson(count('correct'), n),
        incorrect: wilson(count('incorrect'), n),
        abstained: wilson(count('abstained'), n),
        ties: reduced.filter((r) => r.tie).length,
      },
      passAtK: n && k >= 1 ? meanOverSamples(correctness, k, 'any') : NaN,
      passHatK: n && k >= 1 ? meanOverSamples(correctness, k, 'all') : NaN,
      consistency: consistencyRate(samples.map(([, list]) => list)),
    };
  });
}
