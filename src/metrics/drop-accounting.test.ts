import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dropAccounting, type EpochResult } from './drop-accounting.js';
import { mcnemarExact } from './mcnemar.js';

/** One model's epochs per sample, e.g. { s1: ['correct', 'unscored'] }. */
function rows(bySample: Record<string, string[]>): EpochResult[] {
  return Object.entries(bySample).flatMap(([sampleId, outcomes]) => outcomes.map((outcome, epoch) => ({ sampleId, epoch, outcome })));
}

test('counts unscored and tied samples per model, from each model\'s own epochs', () => {
  const a = rows({
    s1: ['correct', 'correct', 'incorrect'], // kept
    s2: ['unscored', 'unscored', 'unscored'], // unscored
    s3: ['correct', 'incorrect', 'unscored'], // tied (1–1 among scored)
    s4: ['abstained', 'unscored', 'unscored'], // kept: one scored epoch decides
  });
  const b = rows({ s1: ['correct', 'correct', 'correct'], s2: ['correct', 'incorrect', 'incorrect'], s3: ['incorrect', 'incorrect', 'correct'], s5: ['correct'] });
  const r = dropAccounting(a, b);
  assert.deepEqual(r.a, { samples: 4, kept: 2, unscored: 1, tied: 1, dropped: 2, rate: 0.5 });
  assert.deepEqual(r.b, { samples: 4, kept: 4, unscored: 0, tied: 0, dropped: 0, rate: 0 });
  assert.equal(r.paired, 3);
  assert.equal(r.onlyA, 1); // s4
  assert.equal(r.onlyB, 1); // s5
  assert.deepEqual(r.discordant, { droppedOnlyA: 2, droppedOnlyB: 0 });
  assert.equal(r.pValue, 0.5); // 2·(½)²
  assert.equal(r.informativeMissingness, false);
  assert.equal(r.warning, undefined);
});

test('a model dropped far more often than the other: exact McNemar flags informative missingness', () => {
  // 40 samples: A's grader fails on 12 of them, B's on 1 (a different one).
  const a: Record<string, string[]> = {};
  const b: Record<string, string[]> = {};
  for (let i = 0; i < 40; i++) {
    a[`s${i}`] = i < 12 ? ['unscored'] : ['correct'];
    b[`s${i}`] = i === 39 ? ['unscored'] : ['incorrect'];
  }
  const r = dropAccounting(rows(a), rows(b), { labels: ['model-x', 'model-y'] });
  assert.deepEqual(r.discordant, { droppedOnlyA: 12, droppedOnlyB: 1 });
  assert.equal(r.pValue, mcnemarExact(12, 1).pValue);
  assert.ok(r.pValue < 0.01);
  assert.equal(r.informativeMissingness, true);
  assert.match(r.warning ?? '', /model-x dropped 12 of 40 samples \(30\.0%: 12 unscored, 0 tied\); model-y dropped 1 of 40/);
  assert.match(r.warning ?? '', /informative missingness/);
});

test('equal drop rates on the same samples: p = 1; nothing paired: NaN, no warning', () => {
  const same = rows({ s1: ['unscored'], s2: ['correct'] });
  const r = dropAccounting(same, same);
  assert.equal(r.pValue, 1);
  assert.equal(r.informativeMissingness, false);
  const none = dropAccounting(rows({ s1: ['correct'] }), rows({ s2: ['correct'] }));
  assert.equal(none.paired, 0);
  assert.ok(Number.isNaN(none.pValue));
  assert.equal(none.informativeMissingness, false);
  assert.ok(Number.isNaN(dropAccounting([], []).a.rate));
});

test('a custom unscored label; bad input is a RangeError', () => {
  const r = dropAccounting(rows({ s1: ['n/a'] }), rows({ s1: ['yes'] }), { unscored: 'n/a' });
  assert.equal(r.a.unscored, 1);
  assert.throws(() => dropAccounting([{ sampleId: 's', epoch: 0, outcome: 'x' }, { sampleId: 's', epoch: 0, outcome: 'y' }], []), RangeError);
  assert.throws(() => dropAccounting([{ sampleId: 's', epoch: 0.5, outcome: 'x' }], []), RangeError);
  assert.throws(() => dropAccounting([], [], { alpha: 0 }), RangeError);
});
