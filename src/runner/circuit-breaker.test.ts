import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CircuitBreaker } from './circuit-breaker.js';

test('opens after the limit of failures of one kind in a row, and says which', () => {
  const b = new CircuitBreaker(3, 'openai:m');
  b.record('HTTP 500');
  b.record('HTTP 500');
  assert.equal(b.open, false);
  b.record('HTTP 500');
  assert.equal(b.open, true);
  assert.match(b.reason!, /^openai:m: 3 samples in a row failed with HTTP 500/);
  assert.equal(b.summary, '3 × HTTP 500 in a row');
});

test('a success or a failure of another kind starts the count again', () => {
  const b = new CircuitBreaker(3, 'm');
  for (const r of ['HTTP 500', 'HTTP 500', undefined, 'HTTP 500', 'HTTP 500', 'ECONNREFUSED', 'ECONNREFUSED', 'HTTP 500', 'HTTP 500']) b.record(r);
  assert.equal(b.open, false);
  b.record('HTTP 500');
  assert.equal(b.open, true);
});

test('a limit of 0 never opens', () => {
  const b = new CircuitBreaker(0, 'm');
  for (let i = 0; i < 1000; i++) b.record('HTTP 500');
  assert.equal(b.open, false);
});
