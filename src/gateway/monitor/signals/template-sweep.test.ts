import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TemplateSweepSignal } from './template-sweep.js';
import { isCrossed, type ObservedRequest } from './signal.js';
import { testObserved, testPrompts, wrapAsEvaluation } from '../testing/test-traffic.js';

const req = (prompt: string, matched = false): ObservedRequest => testObserved(prompt, {}, matched ? 0 : -1);
const topics = testPrompts(500, 3).map((p) => p.split(' ').slice(3, 3 + 1 + (p.length % 3)).join(' ')); // 1-3 word topics

test('"Write a detailed answer about {topic}" x 500 topics crosses, counting nearly all of them under one template', () => {
  const t = new TemplateSweepSignal(100, 12, 20);
  for (const topic of topics.slice(0, 100)) t.observe(req(`Write a detailed answer about ${topic}`));
  assert.equal(isCrossed(t.read()), false); // the first prompt of a template has nothing to pair with
  for (const topic of topics.slice(100)) t.observe(req(`Write a detailed answer about ${topic}`));
  const r = t.read();
  assert.ok(r.value >= 480, `value ${r.value}`);
  assert.equal(isCrossed(r), true);
  assert.match(r.detail, /"write a detailed answer about \{…\}"/);
});

test('a template with the slot in the middle, interleaved with another template, is still found', () => {
  const t = new TemplateSweepSignal(100, 12, 20);
  topics.slice(0, 300).forEach((topic, i) => {
    t.observe(req(`Translate into French: ${topic}. Reply with the translation only.`));
    if (i % 2 === 0) t.observe(req(`Give three surprising facts about ${topic}`));
  });
  const r = t.read();
  assert.ok(r.value >= 290, `value ${r.value}`);
  assert.match(r.detail, /translate into french \{…\} reply with the translation only/);
});

test('diverse unrelated prompts, repeats of one prompt, and wrapped long questions are not a template', () => {
  const t = new TemplateSweepSignal(100, 12, 20);
  for (const p of testPrompts(1000, 8)) t.observe(req(p));
  for (let i = 0; i < 300; i++) t.observe(req('Write a detailed answer about photosynthesis'));
  for (const p of testPrompts(300, 9)) t.observe(req(wrapAsEvaluation(p)));
  assert.ok(t.read().value < 20, `value ${t.read().value}`);
  assert.equal(isCrossed(t.read()), false);
});

test('prompts that match a declared suite are ignored (suites may be templated themselves)', () => {
  const t = new TemplateSweepSignal(100, 12, 20);
  for (const topic of topics) t.observe(req(`Write a detailed answer about ${topic}`, true));
  assert.equal(t.read().value, 0);
});

test('memory stays bounded across many distinct templates', () => {
  const t = new TemplateSweepSignal(100, 12, 20);
  const openers = testPrompts(3000, 21).map((p) => p.split(' ').slice(3, 6).join(' '));
  for (const opener of openers) {
    // two instances per template, so each yields a skeleton: 3000 skeletons for a 256-entry table
    t.observe(req(`${opener} please write an essay on ${topics[0]}`));
    t.observe(req(`${opener} please write an essay on ${topics[1]}`));
  }
  assert.ok(t.read().value >= 1, 'the templates were seen');
  assert.ok(t.retained() <= 32 + 256, `retained ${t.retained()}`);
});
