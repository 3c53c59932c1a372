import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterBootstrap, clusterRobustInterval, type ClusteredValue } from './cluster-bootstrap.js';
import { bootstrapInterval } from './bootstrap.js';
import { mean } from './paired-bootstrap.js';
import { mulberry32 } from '../core/seeded-random.js';

const close = (actual: number, expected: number, tol = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= tol, `expected ${expected}, got ${actual}`);

/** 0/1 values, one item per cluster. */
const singletons = (values: number[]): ClusteredValue[] => values.map((value, i) => ({ cluster: `s${i}`, value }));

/**
 * 20 requests × 10 variants each. Correlated: every variant of a request gets the request's own
 * outcome (a request is either always refused or always complied with), rate 0.3. Independent:
 * each variant is an independent draw with probability 0.3 (seeded).
 */
function panel(correlated: boolean): ClusteredValue[] {
  const items: ClusteredValue[] = [];
  const random = mulberry32(17);
  for (let g = 0; g < 20; g++) {
    for (let v = 0; v < 10; v++) {
      const value = correlated ? (g < 6 ? 1 : 0) : random() < 0.3 ? 1 : 0;
      items.push({ cluster: `request-${g}`, value });
    }
  }
  return items;
}

test('cluster-robust SE with one item per cluster equals the ordinary SE √(p(1 − p)/n)', () => {
  const values = [1, 0, 0, 1, 1, 0, 1, 0, 0, 0, 1, 0]; // p = 5/12
  const r = clusterRobustInterval(singletons(values));
  const p = 5 / 12;
  close(r.estimate, p);
  close(r.standardError, Math.sqrt((p * (1 - p)) / 12));
  close(r.independentStandardError, r.standardError);
  close(r.designEffect, 1);
  close(r.lower, p - 1.959963984540054 * r.standardError);
});

test('cluster-robust SE by hand for two unequal clusters', () => {
  // Cluster A: 1,1,1 ; cluster B: 0,0,1,0,0. n = 8, p = 4/8 = 0.5.
  // Residual sums: A = 3·0.5 = 1.5; B = −0.5·4 + 0.5 = −1.5. Var = (2.25 + 2.25)/64 → SE = √4.5/8.
  const items = [...[1, 1, 1].map((value) => ({ cluster: 'A', value })), ...[0, 0, 1, 0, 0].map((value) => ({ cluster: 'B', value }))];
  const r = clusterRobustInterval(items);
  close(r.standardError, Math.sqrt(4.5) / 8);
  close(r.independentStandardError, Math.sqrt(8 * 0.25) / 8);
  const corrected = clusterRobustInterval(items, { smallSampleCorrection: true });
  close(corrected.standardError, Math.sqrt(2 * 4.5) / 8); // G/(G − 1) = 2
  assert.equal(r.lower, 0); // clamped at the smallest value
});

test('strongly correlated clusters widen both intervals relative to independent ones', () => {
  const corr = panel(true);
  const indep = panel(false);
  close(mean(corr.map((x) => x.value)), 0.3);
  assert.ok(Math.abs(mean(indep.map((x) => x.value)) - 0.3) < 0.1);
  const seCorr = clusterRobustInterval(corr);
  const seIndep = clusterRobustInterval(indep);
  assert.ok(seIndep.standardError > 0 && seIndep.designEffect < 2, String(seIndep.designEffect));
  // Fully correlated clusters of size 10: the design effect is the cluster size.
  close(seCorr.designEffect, 10, 1e-9);
  assert.ok(seCorr.standardError > 2 * seIndep.standardError); // √10 ≈ 3.2 expected
  const bootCorr = clusterBootstrap(corr, { seed: 1 });
  const bootIndep = clusterBootstrap(indep, { seed: 1 });
  assert.ok(bootCorr.upper - bootCorr.lower > 2 * (bootIndep.upper - bootIndep.lower), `${bootCorr.lower}..${bootCorr.upper} vs ${bootIndep.lower}..${bootIndep.upper}`);
  // And the naive item-level bootstrap understates the correlated case badly.
  const naive = bootstrapInterval(corr.map((x) => x.value), mean, { seed: 1 });
  assert.ok(bootCorr.upper - bootCorr.lower > 2.5 * (naive.upper - naive.lower));
  // The cluster-bootstrap interval is close to the cluster-robust normal one.
  assert.ok(Math.abs((bootCorr.upper - bootCorr.lower) - (seCorr.upper - seCorr.lower)) < 0.1);
});

test('cluster bootstrap with singleton clusters is the ordinary bootstrap (same seed, same draws)', () => {
  const random = mulberry32(4);
  const values = Array.from({ length: 30 }, () => (random() < 0.4 ? 1 : 0));
  const clustered = clusterBootstrap(singletons(values), { seed: 8, resamples: 400 });
  const plain = bootstrapInterval(values, mean, { seed: 8, resamples: 400 });
  close(clustered.lower, plain.lower);
  close(clustered.upper, plain.upper);
  assert.deepEqual(clusterBootstrap(singletons(values), { seed: 8, resamples: 400 }), clustered);
});

test('cluster ids may interleave; the estimate weighs clusters by size', () => {
  const items = [{ cluster: 1, value: 1 }, { cluster: 2, value: 0 }, { cluster: 1, value: 1 }, { cluster: 1, value: 1 }];
  const r = clusterBootstrap(items, { seed: 2 });
  close(r.estimate, 0.75);
  assert.equal(r.clusters, 2);
  assert.ok(r.lower >= 0 && r.upper <= 1);
});

test('fewer than two clusters or no items: NaN + flag, no throw', () => {
  const one = [{ cluster: 'a', value: 1 }, { cluster: 'a', value: 0 }];
  const b = clusterBootstrap(one);
  assert.equal(b.defined, false);
  close(b.estimate, 0.5);
  assert.ok(Number.isNaN(b.lower));
  const s = clusterRobustInterval(one);
  assert.equal(s.defined, false);
  assert.ok(Number.isNaN(s.standardError));
  assert.equal(clusterBootstrap([]).defined, false);
  assert.ok(Number.isNaN(clusterRobustInterval([]).estimate));
});

test('invalid input is a RangeError', () => {
  assert.throws(() => clusterBootstrap([{ cluster: 'a', value: NaN }]), RangeError);
  assert.throws(() => clusterRobustInterval([{ cluster: undefined as unknown as string, value: 1 }]), RangeError);
  assert.throws(() => clusterRobustInterval(singletons([1, 0]), { confidence: 2 }), RangeError);
  assert.throws(() => clusterBootstrap(singletons([1, 0]), { resamples: -1 }), RangeError);
});
