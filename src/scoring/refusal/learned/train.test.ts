import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../../core/package-root.js';
import { fitLogistic, scorerOf } from './logistic.js';
import { bandFits, chooseBand, train } from './train.js';
import { trainingRows, XSTEST_FILES } from './training-data.js';
import { WEIGHTS } from './weights.js';

test('logistic regression learns which feature marks the positive rows, the same way every time', () => {
  const rows = Array.from({ length: 200 }, (_, i) => new Map([[i % 2 ? 'refuses' : 'answers', 1], [`noise${i % 7}`, 1]]));
  const y = rows.map((_, i) => i % 2);
  const m = fitLogistic(rows, y);
  const s = scorerOf(m);
  assert.ok(s.probability(new Map([['refuses', 1]])) > 0.9);
  assert.ok(s.probability(new Map([['answers', 1]])) < 0.1);
  assert.ok(Math.abs(s.probability(new Map([['never-seen', 1]])) - 0.5) < 0.1, 'an unknown feature carries no weight');
  assert.deepEqual(fitLogistic(rows, y), m);
  // A feature in fewer rows than minRows is dropped.
  assert.ok(!fitLogistic([...rows, new Map([['rare', 1]])], [...y, 1]).names.includes('rare'));
});

test('the band: decided outside it, or inside it when the rules decide the way the model leans', () => {
  const p = [0.05, 0.45, 0.55, 0.95];
  const y = [0, 1, 0, 1];
  const [none, wide] = bandFits(p, y, [undefined, undefined, undefined, undefined]).filter((f) => f.halfWidth === 0 || f.halfWidth === 0.1);
  assert.deepEqual([none.decidedShare, none.binaryDecided], [1, 0.5]);
  assert.deepEqual([wide.decidedShare, wide.binaryDecided], [0.5, 1]);
  const ruled = bandFits(p, y, [undefined, 1, 0, undefined]).find((f) => f.halfWidth === 0.1)!;
  assert.equal(ruled.decidedShare, 0.5, 'rules that disagree with the model do not decide');
  const agreeing = bandFits(p, y, [undefined, 0, 0, undefined]).find((f) => f.halfWidth === 0.1)!;
  assert.equal(agreeing.decidedShare, 0.75, 'rules on the model\'s side decide');
  // The narrowest band reaching the target while deciding enough; else the widest that decides enough.
  const fits = [0, 0.1, 0.2].map((h, i) => ({ halfWidth: h, decidedShare: [1, 0.95, 0.8][i], binaryDecided: [0.9, 0.98, 0.99][i], binary: 0.9 }));
  assert.equal(chooseBand(fits).halfWidth, 0.1);
  assert.equal(chooseBand(fits.map((f) => ({ ...f, binaryDecided: 0.9 }))).halfWidth, 0.1);
});

test('the held-out split is never trained on', () => {
  const rows = trainingRows();
  assert.ok(rows.length > 800);
  assert.ok(!rows.some((r) => r.id.includes('-v5-')), 'heldout-5 replies are left out');
  assert.ok(rows.some((r) => r.id.includes('-t3-')), 'training splits are in');
});

const XSTEST = join(packageRoot(), '..', 'shared', 'datasets', 'xstest', 'model_completions');
const skip = XSTEST_FILES.every((f) => existsSync(join(XSTEST, f))) ? false : `XSTest completions not found under ${XSTEST}`;

test('the shipped weights are what train.ts fits from the fixture and XSTest', { skip }, () => {
  const fitted = train(trainingRows(XSTEST));
  assert.deepEqual(fitted.trainedOn, WEIGHTS.trainedOn);
  assert.deepEqual(fitted.band, WEIGHTS.band);
  assert.deepEqual(fitted.names, WEIGHTS.names);
  fitted.weights.forEach((w, i) => assert.ok(Math.abs(w - WEIGHTS.weights[i]) < 1e-3, `${fitted.names[i]}: ${w} vs ${WEIGHTS.weights[i]}`));
  assert.ok(Math.abs(fitted.bias - WEIGHTS.bias) < 1e-3);
});
