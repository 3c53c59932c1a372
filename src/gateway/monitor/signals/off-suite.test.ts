import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OffSuiteSignal } from './off-suite.js';
import { isCrossed, type ObservedRequest } from './signal.js';
import { testObserved } from '../testing/test-traffic.js';

const req = (matched: boolean, tokens = 300): ObservedRequest => testObserved('p', { inputTokens: tokens / 2, outputTokens: tokens / 2 }, matched ? 0 : -1);

test('no verdict before 200 requests, then the share of unmatched prompts over the last 500', () => {
  const s = new OffSuiteSignal(1000, 0.2, 500, 200, 100_000);
  for (let i = 0; i < 199; i++) s.observe(req(false));
  assert.equal(s.read().ready, false);
  s.observe(req(false));
  assert.equal(isCrossed(s.read()), true);
  for (let i = 0; i < 500; i++) s.observe(req(i % 10 !== 0)); // 10% off-suite
  assert.equal(s.read().value, 0.1);
  assert.equal(isCrossed(s.read()), false);
});

test('disabled without declared suite prompts', () => {
  const s = new OffSuiteSignal(0, 0.2, 500, 200, 100_000);
  for (let i = 0; i < 300; i++) s.observe(req(false));
  assert.equal(s.read().enabled, false);
  assert.equal(isCrossed(s.read()), false);
});

test('packing: a few off-plan requests carrying most of the tokens cross by token share, before 200 requests', () => {
  const s = new OffSuiteSignal(1000, 0.2, 500, 200, 100_000);
  for (let i = 0; i < 90; i++) s.observe(req(true, 300));
  for (let i = 0; i < 10; i++) s.observe(req(false, 12_000)); // 20 tasks each
  const r = s.read();
  assert.equal(r.ready, true);
  assert.ok(r.value > 0.8, `value ${r.value}`);
  assert.equal(isCrossed(r), true);
});
