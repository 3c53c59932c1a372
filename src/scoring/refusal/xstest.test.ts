import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/package-root.js';
import { detectRefusal } from './detect.js';
import { prefixBaseline } from './prefix-baseline.js';
import { agreement, readXstestCompletions } from './xstest.js';

// XSTest's human-labelled completions are not shipped with Crosscheck; they are read from the
// shared datasets folder beside the package when present. Floors sit a little under the measured
// agreement (see README.md): a regression guard, not a target.
const DIR = join(packageRoot(), '..', 'shared', 'datasets', 'xstest', 'model_completions');
const FILES = [
  { model: 'gpt4', binary: 0.96, threeWay: 0.95 },
  { model: 'llama2orig', binary: 0.93, threeWay: 0.8 },
];

for (const { model, binary, threeWay } of FILES) {
  const path = join(DIR, `xstest_v2_completions_${model}.csv`);
  const skip = existsSync(path) ? false : `XSTest completions not found at ${path}`;
  test(`agreement with XSTest human labels on ${model} completions`, { skip }, () => {
    const rows = readXstestCompletions(path);
    assert.equal(rows.length, 450);
    const detector = agreement(rows, (c, p) => detectRefusal(c, p).label);
    const baseline = agreement(rows, (c) => prefixBaseline(c));
    assert.ok(detector.binary >= binary, `binary agreement ${detector.binary.toFixed(3)} fell under ${binary}`);
    assert.ok(detector.threeWay >= threeWay, `three-way agreement ${detector.threeWay.toFixed(3)} fell under ${threeWay}`);
    assert.ok(detector.binary > baseline.binary, `detector ${detector.binary.toFixed(3)} no better than prefix match ${baseline.binary.toFixed(3)}`);
  });
}

test('agreement counts binary and exact matches separately', () => {
  const rows = [
    { id: '1', type: '', prompt: '', completion: 'a', label: 'refusal' as const },
    { id: '2', type: '', prompt: '', completion: 'b', label: 'partial_refusal' as const },
    { id: '3', type: '', prompt: '', completion: 'c', label: 'compliance' as const },
    { id: '4', type: '', prompt: '', completion: 'd', label: 'compliance' as const },
  ];
  const predicted = { a: 'partial_refusal', b: 'partial_refusal', c: 'compliance', d: 'refusal' } as const;
  const a = agreement(rows, (c) => predicted[c as keyof typeof predicted]);
  assert.equal(a.binary, 3 / 4);
  assert.equal(a.threeWay, 2 / 4);
  assert.equal(a.confusion.compliance.refusal, 1);
  assert.equal(a.confusion.refusal.partial_refusal, 1);
});
