import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlagShareSignal } from './flag-share.js';
import { isCrossed, type ObservedRequest } from './signal.js';
import type { TrafficRecord } from '../../contracts.js';
import { testObserved } from '../testing/test-traffic.js';

const req = (o: Partial<TrafficRecord> = {}): ObservedRequest => testObserved('p', o);

test('limited: crosses when more than 5% of the last 500 ask for logprobs, after 100 requests', () => {
  const s = new FlagShareSignal('logprob_harvest', 'limited', 0.05, 500, 100, true);
  for (let i = 0; i < 99; i++) s.observe(req({ logprobs: true }));
  assert.equal(s.read().ready, false);
  s.observe(req({ topLogprobs: 5 })); // top_logprobs alone counts too
  assert.equal(isCrossed(s.read()), true);
  for (let i = 0; i < 500; i++) s.observe(req(i % 25 === 0 ? { logprobs: true } : {})); // 4%
  assert.equal(isCrossed(s.read()), false);
});

test('each flag signal counts only its own flag', () => {
  const n = new FlagShareSignal('multi_sample_harvest', 'limited', 0.05, 500, 100, true);
  const h = new FlagShareSignal('hidden_reasoning', 'limited', 0.01, 500, 100, true);
  for (let i = 0; i < 200; i++) {
    n.observe(req({ logprobs: true, reasoningRequested: true }));
    h.observe(req({ n: 4, logprobs: true }));
  }
  assert.equal(n.read().value, 0);
  assert.equal(h.read().value, 0);
  n.observe(req({ n: 2 }));
  assert.equal(n.read().value, 1 / 201);
});

test('forbidden: a single request crosses; allowed: the signal is off', () => {
  const forbidden = new FlagShareSignal('hidden_reasoning', 'forbidden', 0.01, 500, 100, true);
  forbidden.observe(req());
  assert.equal(isCrossed(forbidden.read()), false);
  forbidden.observe(req({ reasoningRequested: true }));
  assert.equal(isCrossed(forbidden.read()), true);
  const allowed = new FlagShareSignal('logprob_harvest', 'allowed', 0.05, 500, 100, false);
  for (let i = 0; i < 200; i++) allowed.observe(req({ logprobs: true }));
  assert.equal(allowed.read().enabled, false);
  assert.equal(isCrossed(allowed.read()), false);
});

test('allowed (the grant permits it): only flagged requests that are off plan count; off without declared prompts', () => {
  const s = new FlagShareSignal('logprob_harvest', 'allowed', 0.05, 500, 100, true);
  for (let i = 0; i < 300; i++) s.observe(testObserved('p', { logprobs: true, topLogprobs: 5 }, 0)); // on plan
  assert.equal(s.read().value, 0);
  assert.equal(isCrossed(s.read()), false);
  for (let i = 0; i < 50; i++) s.observe(testObserved('q', { logprobs: true, topLogprobs: 5 })); // off plan
  assert.equal(isCrossed(s.read()), true);
  const undeclared = new FlagShareSignal('logprob_harvest', 'allowed', 0.05, 500, 100, false);
  assert.equal(undeclared.read().enabled, false);
});
