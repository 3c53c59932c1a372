import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TemplateSweepSignal } from './template-sweep.js';
import { isCrossed } from './signal.js';
import { mulberry32 } from '../../../core/seeded-random.js';
import { testDoc, testPrompts, wrapAsEvaluation } from '../testing/test-traffic.js';

const RULES = { maxSlotWords: 12, minChars: 12, junkWords: 4 };
const detector = (window = 1024) => new TemplateSweepSignal(100, RULES, window);
const topics = [...new Set(testPrompts(1200, 3).map((p) => p.split(' ').slice(3, 3 + 1 + (p.length % 3)).join(' ')))]; // distinct 1-3 word topics

test('"Write a detailed answer about {topic}" x 500 topics crosses, counting nearly all of them under one template', () => {
  const t = detector();
  for (const topic of topics.slice(0, 100)) t.observe(testDoc(`Write a detailed answer about ${topic}`));
  assert.equal(isCrossed(t.read()), false); // the first text of a template has nothing to pair with
  for (const topic of topics.slice(100, 500)) t.observe(testDoc(`Write a detailed answer about ${topic}`));
  const r = t.read();
  assert.ok(r.value >= 480, `value ${r.value}`);
  assert.equal(isCrossed(r), true);
  assert.match(r.detail, /"write a detailed answer about \{…\}"/);
});

test('a template with the slot in the middle, interleaved with another template, is still found', () => {
  const t = detector();
  topics.slice(0, 300).forEach((topic, i) => {
    t.observe(testDoc(`Translate into French: ${topic}. Reply with the translation only.`));
    if (i % 2 === 0) t.observe(testDoc(`Give three surprising facts about ${topic}`));
  });
  const r = t.read();
  assert.ok(r.value >= 290, `value ${r.value}`);
  assert.match(r.detail, /translate into french \{…\} reply with the translation only/);
});

test('evasions: a fixed part under 20 characters, a random prefix and suffix on each text, 80 templates in rotation', () => {
  const short = detector();
  for (const topic of topics.slice(0, 200)) short.observe(testDoc(`Describe ${topic} in depth.`));
  assert.equal(isCrossed(short.read()), true, `short fixed part: ${short.read().value}`);

  const rnd = mulberry32(7);
  const nonce = () => Math.floor(rnd() * 2 ** 40).toString(36);
  const junk = detector();
  for (const topic of topics.slice(0, 200)) junk.observe(testDoc(`[ref ${nonce()}] Write a detailed answer about ${topic}. (${nonce()})`));
  assert.equal(isCrossed(junk.read()), true, `random prefix: ${junk.read().value}`);
  assert.match(junk.read().detail, /write a detailed answer about \{…\}/);

  const rotation = detector();
  const openers = testPrompts(80, 31).map((p) => p.split(' ').slice(3, 7).join(' '));
  for (let i = 0; i < 80 * 110; i++) rotation.observe(testDoc(`${openers[i % 80]} explain ${topics[Math.floor(i / 80) % topics.length]} thoroughly`));
  assert.equal(isCrossed(rotation.read()), true, `rotation: ${rotation.read().value}`);
});

test('diverse unrelated prompts, repeats of one prompt, and wrapped long questions are not a template', () => {
  const t = detector();
  for (const p of testPrompts(1000, 8)) t.observe(testDoc(p));
  for (let i = 0; i < 300; i++) t.observe(testDoc('Write a detailed answer about photosynthesis'));
  for (const p of testPrompts(300, 9)) t.observe(testDoc(wrapAsEvaluation(p)));
  assert.ok(t.read().value < 20, `value ${t.read().value}`);
  assert.equal(isCrossed(t.read()), false);
});

test('questions that share only a function-word opening ("how do I", "what is the") are not one template', () => {
  const t = detector();
  const rnd = mulberry32(3);
  const pick = (xs: string[]) => xs[Math.floor(rnd() * xs.length)];
  const verbs = ['bake', 'repair', 'paint', 'clean', 'store', 'grow', 'fold', 'sharpen', 'tune', 'patch', 'wire', 'seal'];
  const things = ['a bicycle wheel', 'sourdough bread', 'an old fence', 'a leaking tap', 'winter tomatoes', 'a paper crane', 'kitchen knives', 'a violin', 'a flat tyre', 'garden soil'];
  for (let i = 0; i < 400; i++) t.observe(testDoc(`How do I ${pick(verbs)} ${pick(things)} without ${pick(verbs)}ing ${pick(things)}?`));
  assert.equal(isCrossed(t.read()), false, `value ${t.read().value}`);
});

test('the system stream and the user stream never pair with each other', () => {
  const t = detector();
  for (const topic of topics.slice(0, 150)) {
    t.observe(testDoc(`Write a detailed answer about ${topic}`, 'system'));
    t.observe(testDoc(`Write a detailed answer about ${topic} now`, 'user'));
  }
  assert.ok(t.read().value <= 150, `value ${t.read().value}`);
});

test('memory stays bounded across many distinct templates, and state saved and loaded carries on', () => {
  const t = detector(256);
  const openers = testPrompts(3000, 21).map((p) => p.split(' ').slice(3, 6).join(' '));
  for (const opener of openers) {
    // two instances per template, so each yields a skeleton: 3000 skeletons for a 256-entry table
    t.observe(testDoc(`${opener} please write an essay on ${topics[0]}`));
    t.observe(testDoc(`${opener} please write an essay on ${topics[1]}`));
  }
  assert.ok(t.read().value >= 1, 'the templates were seen');
  assert.ok(t.retained() <= 256 + 256, `retained ${t.retained()}`);

  const a = detector();
  for (const topic of topics.slice(0, 60)) a.observe(testDoc(`Write a detailed answer about ${topic}`));
  const b = detector();
  b.load(JSON.parse(JSON.stringify(a.save())));
  for (const topic of topics.slice(60, 120)) b.observe(testDoc(`Write a detailed answer about ${topic}`));
  assert.ok(b.read().value >= 115, `after reload ${b.read().value}`);
});
