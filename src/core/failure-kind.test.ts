import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProviderError } from './errors.js';
import { failureKind, formatCounts, kindInText, reasonKind } from './failure-kind.js';

test('a failure is counted by its kind: the HTTP status, the socket code, or what went wrong with the body', () => {
  assert.equal(failureKind(new ProviderError('openai:m: HTTP 500: upstream exploded', { kind: 'server', status: 500 })), 'HTTP 500');
  assert.equal(failureKind(new ProviderError('openai:m: HTTP 429: slow down', { kind: 'rate_limit', status: 429 })), 'HTTP 429');
  assert.equal(failureKind(new ProviderError('openai:m: connection failed (ECONNREFUSED)', { kind: 'connection' })), 'ECONNREFUSED');
  assert.equal(failureKind(new ProviderError('openai:m: unparseable response body: Unexpected token <', { kind: 'bad_response' })), 'unparseable response body');
  assert.equal(failureKind(new ProviderError('openai:m: response body was truncated', { kind: 'bad_response' })), 'truncated response body');
  assert.equal(failureKind(new ProviderError('openai:m: no answer within 120000 ms', { kind: 'timeout' })), 'timeout');
  assert.equal(failureKind(new ProviderError('openai:m: something odd', { kind: 'bad_response' })), 'bad response body');
  assert.equal(failureKind(new RangeError('out of range')), 'RangeError');
  assert.equal(kindInText('ERROR: the model said ERRORS'), undefined, 'capital words are not socket codes');
});

test('unscored reasons are reduced to their kind, so replies quoted in them do not split the count', () => {
  assert.equal(reasonKind('grader reply had no label: "You are grading one response..."'), 'grader reply had no label');
  assert.equal(reasonKind('judge call failed: openai:j: HTTP 503: overloaded'), 'judge call failed (HTTP 503)');
  assert.equal(reasonKind('judge call failed: openai:j: connection failed (ECONNRESET)'), 'judge call failed (ECONNRESET)');
  assert.equal(reasonKind('only 0 of 1 judges gave a parseable grade (need 1)'), 'only 0 of 1 judges gave a parseable grade (need 1)');
  assert.equal(reasonKind(null), 'no reason given');
  assert.equal(formatCounts([{ kind: 'ECONNREFUSED', n: 6 }, { kind: 'HTTP 500', n: 20 }]), '20 × HTTP 500, 6 × ECONNREFUSED');
});
