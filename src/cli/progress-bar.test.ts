import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newProgress } from '../runner/progress.js';
import { formatLine } from './progress-bar.js';

test('a progress line shows calls in flight, retries and how long the oldest call has waited', () => {
  const p = { ...newProgress('openai:m', 10, 0, 0), done: 2, errors: 1, retries: 4, inFlight: 3, oldestWaitMs: 83_000 };
  const line = formatLine(p, 30_000);
  assert.match(line, /^openai:m \[#######-----------------\] 3\/10 {2}errors 1 {2}retries 4 {2}in flight 3 \(oldest 1:23\)/);
  assert.match(line, /ETA 1:10$/);
});

test('a hung upstream shows as waiting, not as nothing; a stopped model says why instead of an ETA', () => {
  const hung = { ...newProgress('m', 1, 0, 0), inFlight: 1, oldestWaitMs: 125_000 };
  assert.match(formatLine(hung, 125_000), /0\/1 {2}errors 0 {2}retries 0 {2}in flight 1 \(oldest 2:05\) {2}tokens 0 {2}ETA \?$/);
  const stopped = { ...newProgress('m', 30, 0, 0), errors: 10, stopped: '10 × HTTP 500 in a row' };
  assert.match(formatLine(stopped, 5000), /STOPPED after 10 × HTTP 500 in a row$/);
});
