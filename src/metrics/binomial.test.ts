import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mulberry32 } from '../core/seeded-random.js';
import { binomial } from './binomial.js';

function moments(n: number, p: number, draws = 20000) {
  const random = mulberry32(11);
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < draws; i++) {
    const x = binomial(n, p, random);
    assert.ok(Number.isInteger(x) && x >= 0 && x <= n, `draw ${x} outside [0, ${n}]`);
    sum += x;
    sumSq += x * x;
  }
  const mean = sum / draws;
  return { mean, variance: sumSq / draws - mean * mean };
}

test('draws have the binomial mean and variance, on both the exact and the approximate path', () => {
  for (const [n, p] of [[20, 0.3], [1000, 0.01], [100000, 0.4], [50, 0.9], [100000, 0.999]] as const) {
    const { mean, variance } = moments(n, p);
    const expectedVar = n * p * (1 - p);
    assert.ok(Math.abs(mean - n * p) < 4 * Math.sqrt(expectedVar / 20000) + 1e-9, `mean ${mean} for n=${n} p=${p}`);
    assert.ok(Math.abs(variance / expectedVar - 1) < 0.06, `variance ${variance} vs ${expectedVar} for n=${n} p=${p}`);
  }
});

test('degenerate probabilities give 0 or n', () => {
  const random = mulberry32(1);
  assert.equal(binomial(10, 0, random), 0);
  assert.equal(binomial(10, 1, random), 10);
  assert.equal(binomial(0, 0.5, random), 0);
});
