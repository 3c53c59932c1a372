import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VolumeSignal } from './volume.js';
import { isCrossed, type ObservedRequest } from './signal.js';
import { testObserved } from '../testing/test-traffic.js';

const req = (inputTokens = 100, outputTokens = 100): ObservedRequest => testObserved('p', { inputTokens, outputTokens });

test('crosses once requests exceed 1.2x the declared count, not before', () => {
  const v = new VolumeSignal({ requests: 100 }, 1.2);
  for (let i = 0; i < 120; i++) v.observe(req());
  assert.equal(v.read().value, 1.2);
  assert.equal(isCrossed(v.read()), false);
  v.observe(req());
  assert.equal(isCrossed(v.read()), true);
});

test('tokens count too: the larger ratio is the value', () => {
  const v = new VolumeSignal({ requests: 1000, tokens: 10_000 }, 1.2);
  for (let i = 0; i < 10; i++) v.observe(req(1000, 500));
  assert.equal(v.read().value, 1.5);
});

test('disabled when the plan declares neither', () => {
  const v = new VolumeSignal({}, 1.2);
  for (let i = 0; i < 10; i++) v.observe(req());
  assert.equal(v.read().enabled, false);
  assert.equal(isCrossed(v.read()), false);
});
