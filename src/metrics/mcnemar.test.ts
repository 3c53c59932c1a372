import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mcnemarExact, mcnemarFromPairs, pairedCounts } from './mcnemar.js';

const close = (actual: number, expected: number, tol = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= tol, `expected ${expected}, got ${actual}`);

test('Fagerland, Lydersen & Laake (2013) example (Bentur et al., AHR before/after SCT): b = 1, c = 7', () => {
  // Published: exact conditional p = 0.070, mid-p = 0.039. By hand: P(X ≤ 1 | n = 8) = 9/256.
  const r = mcnemarExact(1, 7);
  close(r.pValue, 18 / 256);
  close(r.midP, 10 / 256);
  assert.equal(r.pValue.toFixed(3), '0.070');
  assert.equal(r.midP.toFixed(3), '0.039');
  assert.equal(r.discordant, 8);
});

test('hand-computed values', () => {
  close(mcnemarExact(1, 9).pValue, 22 / 1024); // 2·(1 + 10)/2^10
  close(mcnemarExact(0, 5).pValue, 2 / 32);
  close(mcnemarExact(9, 1).pValue, mcnemarExact(1, 9).pValue); // symmetric in b, c
  close(mcnemarExact(3, 5).pValue, 2 * (1 + 8 + 28 + 56) / 256); // 0.7265625
});

test('equal discordant counts: p = 1 and mid-p = 1 − ½·P(X = b); no discordant pairs: both 1', () => {
  const r = mcnemarExact(3, 3);
  assert.equal(r.pValue, 1);
  close(r.midP, 1 - 20 / 64 / 2);
  const none = mcnemarExact(0, 0);
  assert.equal(none.pValue, 1);
  assert.equal(none.midP, 1);
});

test('large counts do not underflow and agree with the normal approximation', () => {
  // b = 450, c = 550: z = (550 − 450)/√1000 ≈ 3.162 → two-sided p ≈ 0.00157; the exact value sits near it.
  const r = mcnemarExact(450, 550);
  assert.ok(r.pValue > 0.0012 && r.pValue < 0.0022, String(r.pValue));
  assert.ok(mcnemarExact(5000, 5000).pValue === 1);
  // n = 3000: 2^-3000 underflows a double, so this only works in log space. z = 100/√3000 ≈ 1.826 → p ≈ 0.068.
  const big = mcnemarExact(1450, 1550);
  assert.ok(big.pValue > 0.06 && big.pValue < 0.075, String(big.pValue));
});

test('paired outcomes are tabulated, skipping unscored pairs', () => {
  const a = [true, true, false, false, true, null, true];
  const b = [true, false, true, false, false, true, undefined];
  const counts = pairedCounts(a, b);
  assert.deepEqual(counts, { bothRight: 1, onlyA: 2, onlyB: 1, bothWrong: 1, n: 5, skipped: 2 });
  const r = mcnemarFromPairs(a, b);
  assert.equal(r.b, 2);
  assert.equal(r.c, 1);
  close(r.pValue, 1); // 2·P(X ≤ 1 | n = 3) = 2·4/8 = 1
});

test('invalid input is a RangeError', () => {
  assert.throws(() => mcnemarExact(-1, 2), RangeError);
  assert.throws(() => mcnemarExact(1.5, 2), RangeError);
  assert.throws(() => pairedCounts([true], []), RangeError);
  assert.throws(() => pairedCounts([1 as unknown as boolean], [true]), RangeError);
});
