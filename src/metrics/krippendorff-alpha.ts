/**
 * Krippendorff's alpha with missing ratings, via the coincidence matrix (Krippendorff 2011,
 * "Computing Krippendorff's Alpha-Reliability", Annenberg School for Communication, pp. 1-6):
 *
 *   o_ck = Σ_u (number of ordered pairs of values (c, k) from different coders in unit u) / (m_u − 1)
 *   n_c  = Σ_k o_ck,   n = Σ_c n_c   (pairable values: units with m_u ≥ 2 values)
 *   α    = 1 − D_o / D_e = 1 − (n − 1) · Σ_c Σ_k o_ck δ²_ck / Σ_c Σ_k n_c n_k δ²_ck
 *
 * Difference functions δ²_ck (same source, section C):
 *   nominal   0 if c = k, else 1
 *   ordinal   (Σ_{g=c..k} n_g − (n_c + n_k)/2)²   (values ranked by numeric order)
 *   interval  (c − k)²
 *   ratio     ((c − k)/(c + k))²
 *
 * Units with fewer than two values carry no information about agreement and are left out.
 */
import type { Label } from './label.js';

export type AlphaMetric = 'nominal' | 'ordinal' | 'interval' | 'ratio';

export interface KrippendorffAlpha {
  /** NaN when undefined (see `defined`). */
  alpha: number;
  metric: AlphaMetric;
  /** D_o: observed disagreement (mean δ² over pairable value pairs). */
  observedDisagreement: number;
  /** D_e: disagreement expected by chance from the pooled values. */
  expectedDisagreement: number;
  /** n: pairable values (the total of the coincidence matrix). */
  pairableValues: number;
  /** Units with at least two values (the ones that enter the computation). */
  units: number;
  /** Units left out because they had fewer than two values. */
  unpairableUnits: number;
  /** The distinct values, sorted (numerically for numbers), indexing `coincidences`. */
  values: Label[];
  /** The coincidence matrix o_ck. */
  coincidences: number[][];
  /** False when no unit has two values, or all pairable values are equal (D_e = 0). */
  defined: boolean;
  reason?: string;
}

/**
 * units[u] = the values unit u received, one entry per coder (null/undefined for missing).
 * Coder identity does not matter to alpha, only which values share a unit, so rows may be of
 * different lengths. Non-nominal metrics need numeric values (ratio: non-negative).
 */
export function krippendorffAlpha(
  units: readonly (readonly (Label | null | undefined)[])[],
  metric: AlphaMetric = 'nominal',
): KrippendorffAlpha {
  if (!['nominal', 'ordinal', 'interval', 'ratio'].includes(metric)) throw new RangeError(`krippendorffAlpha: unknown metric ${String(metric)}`);
  const pairable: Label[][] = [];
  let unpairableUnits = 0;
  for (const unit of units) {
    const present = unit.filter((x): x is Label => x !== null && x !== undefined);
    for (const x of present) checkValue(x, metric);
    if (present.length >= 2) pairable.push(present);
    else unpairableUnits++;
  }
  const values = sortedDistinct(pairable.flat());
  const index = new Map<Label, number>(values.map((v, i) => [v, i]));
  const size = values.length;
  const o: number[][] = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const unit of pairable) {
    const weight = 1 / (unit.length - 1);
    for (let i = 0; i < unit.length; i++) {
      for (let j = 0; j < unit.length; j++) {
        if (i !== j) o[index.get(unit[i])!][index.get(unit[j])!] += weight;
      }
    }
  }
  const marginals = o.map((row) => row.reduce((s, x) => s + x, 0));
  const n = marginals.reduce((s, x) => s + x, 0);
  const base = { metric, pairableValues: n, units: pairable.length, unpairableUnits, values, coincidences: o };
  if (pairable.length === 0) {
    return { ...base, alpha: NaN, observedDisagreement: NaN, expectedDisagreement: NaN, defined: false, reason: 'no unit has two or more values' };
  }
  const delta2 = differenceFunction(metric, values, marginals);
  let observedSum = 0;
  let expectedSum = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) {
      const d = delta2(c, k);
      observedSum += o[c][k] * d;
      expectedSum += marginals[c] * marginals[k] * d;
    }
  }
  const observedDisagreement = observedSum / n;
  const expectedDisagreement = expectedSum / (n * (n - 1));
  if (expectedDisagreement === 0) {
    return { ...base, alpha: NaN, observedDisagreement, expectedDisagreement, defined: false, reason: 'all pairable values are equal, so chance disagreement is 0' };
  }
  return { ...base, alpha: 1 - observedDisagreement / expectedDisagreement, observedDisagreement, expectedDisagreement, defined: true };
}

function differenceFunction(metric: AlphaMetric, values: readonly Label[], marginals: readonly number[]): (c: number, k: number) => number {
  switch (metric) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => ((values[c] as number) - (values[k] as number)) ** 2;
    case 'ratio':
      return (c, k) => {
        const a = values[c] as number;
        const b = values[k] as number;
        return a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2;
      };
    case 'ordinal':
      return (c, k) => {
        if (c === k) return 0;
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        let sum = 0;
        for (let g = lo; g <= hi; g++) sum += marginals[g];
        return (sum - (marginals[c] + marginals[k]) / 2) ** 2;
      };
  }
}

function checkValue(x: Label, metric: AlphaMetric): void {
  if (typeof x === 'number' && !Number.isFinite(x)) throw new RangeError(`krippendorffAlpha: values must be finite, got ${x} (use null for missing)`);
  if (metric === 'nominal') {
    if (typeof x !== 'string' && typeof x !== 'number' && typeof x !== 'boolean') throw new RangeError(`krippendorffAlpha: values must be strings, numbers or booleans, got ${typeof x}`);
    return;
  }
  if (typeof x !== 'number') throw new RangeError(`krippendorffAlpha: the ${metric} metric needs numeric values, got ${typeof x}`);
  if (metric === 'ratio' && x < 0) throw new RangeError(`krippendorffAlpha: the ratio metric needs non-negative values, got ${x}`);
}

/** Distinct values; numbers ascending (the ordinal metric relies on this), others by first appearance. */
function sortedDistinct(xs: readonly Label[]): Label[] {
  const distinct = [...new Set(xs)];
  return distinct.every((x) => typeof x === 'number') ? (distinct as number[]).sort((a, b) => a - b) : distinct;
}
