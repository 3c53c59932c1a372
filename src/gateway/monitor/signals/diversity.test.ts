import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiversitySignal } from './diversity.js';
import { isCrossed, type ObservedRequest } from './signal.js';
import { testObserved } from '../testing/test-traffic.js';

const suiteReq = (index: number, epoch = 0): ObservedRequest => testObserved(`wrapper ${epoch} around item`, {}, index);
const freeReq = (text: string): ObservedRequest => testObserved(text);

test('an evaluation repeating its 300 items for 5 epochs under varying wrappers stays at 1.0', () => {
  const d = new DiversitySignal(300, 'suite prompts', 1.5, 100);
  for (let epoch = 0; epoch < 5; epoch++) for (let i = 0; i < 300; i++) d.observe(suiteReq(i, epoch));
  assert.equal(d.read().value, 1);
  assert.equal(isCrossed(d.read()), false);
});

test('a stream of new content grows past the reference and crosses', () => {
  const d = new DiversitySignal(300, 'suite prompts', 1.5, 100);
  for (let i = 0; i < 300; i++) d.observe(suiteReq(i));
  for (let i = 0; i < 150; i++) d.observe(freeReq(`new question number ${i}`));
  assert.equal(isCrossed(d.read()), false); // 450 / 300 = 1.5, not above
  for (let i = 150; i < 2000; i++) d.observe(freeReq(`new question number ${i}`));
  const r = d.read();
  assert.ok(r.value > 7 && r.value < 8.2, `value ${r.value}`);
  assert.equal(isCrossed(r), true);
});

test('a small reference needs at least minExtra new contents before a verdict', () => {
  const d = new DiversitySignal(10, 'suite prompts', 1.5, 100);
  for (let i = 0; i < 50; i++) d.observe(freeReq(`q ${i}`));
  assert.equal(d.read().ready, false);
  for (let i = 50; i < 111; i++) d.observe(freeReq(`q ${i}`));
  assert.equal(isCrossed(d.read()), true);
});

test('disabled without a reference size', () => {
  const d = new DiversitySignal(undefined, 'expected requests', 1.5, 100);
  for (let i = 0; i < 500; i++) d.observe(freeReq(`q ${i}`));
  assert.equal(d.read().enabled, false);
});
