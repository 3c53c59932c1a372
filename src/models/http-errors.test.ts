import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseModelRef } from '../core/model-ref.js';
import { kindForStatus, oneLine, parseRetryAfterMs, providerErrorFromCause, providerErrorFromStatus } from './http-errors.js';

const ctx = { ref: parseModelRef('openai:gpt-test'), secrets: ['sk-secret-value'] };

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it('reads retry-after-ms first, then Retry-After seconds or HTTP date', () => {
    assert.equal(parseRetryAfterMs(new Headers({ 'retry-after-ms': '250.4', 'retry-after': '9' }), now), 250);
    assert.equal(parseRetryAfterMs(new Headers({ 'retry-after': '1.5' }), now), 1500);
    assert.equal(parseRetryAfterMs({ 'Retry-After': 'Wed, 01 Jan 2025 00:00:30 GMT' }, now), 30_000);
    assert.equal(parseRetryAfterMs({ 'retry-after': 'Tue, 31 Dec 2024 00:00:00 GMT' }, now), 0, 'a past date means now');
  });
  it('is undefined when absent or unparseable', () => {
    assert.equal(parseRetryAfterMs(new Headers(), now), undefined);
    assert.equal(parseRetryAfterMs({ 'retry-after': 'soon' }, now), undefined);
    assert.equal(parseRetryAfterMs(undefined, now), undefined);
  });
});

describe('status mapping', () => {
  it('maps statuses onto kinds', () => {
    assert.deepEqual([429, 401, 403, 408, 500, 503, 529, 400, 404, 422].map(kindForStatus), [
      'rate_limit', 'auth', 'auth', 'timeout', 'server', 'server', 'server', 'client', 'client', 'client',
    ]);
  });
  it('only rate limits carry retryAfterMs', () => {
    assert.equal(providerErrorFromStatus(503, { 'retry-after': '5' }, 'busy', ctx).retryAfterMs, undefined);
    assert.equal(providerErrorFromStatus(429, { 'retry-after': '5' }, 'busy', ctx).retryAfterMs, 5000);
    assert.equal(providerErrorFromStatus(429, {}, 'busy', ctx, 1234).retryAfterMs, 1234, 'fallback when no header');
  });
});

describe('providerErrorFromCause', () => {
  it('walks the cause chain for socket codes, aborts and parse failures', () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });
    assert.equal(providerErrorFromCause(refused, ctx)?.kind, 'connection');
    assert.equal(providerErrorFromCause(new TypeError('terminated'), ctx)?.kind, 'bad_response');
    assert.equal(providerErrorFromCause(new SyntaxError('Unexpected token'), ctx)?.kind, 'bad_response');
    assert.equal(providerErrorFromCause(new DOMException('x', 'AbortError'), ctx)?.kind, 'timeout');
  });
  it('an aborted caller signal wins over anything else', () => {
    const signal = AbortSignal.abort();
    assert.equal(providerErrorFromCause(new SyntaxError('x'), { ...ctx, signal })?.kind, 'timeout');
  });
  it('leaves unrecognised errors (bugs) alone', () => {
    assert.equal(providerErrorFromCause(new TypeError('x is not a function'), ctx), null);
  });
});

describe('oneLine', () => {
  it('removes secrets, masked key echoes and newlines', () => {
    const out = oneLine('bad key sk-secret-value\n  and sk-sec*****alue here', ['sk-secret-value']);
    assert.equal(out, 'bad key [redacted] and [redacted] here');
  });
  it('bounds the length', () => {
    assert.equal(oneLine('x'.repeat(1000), [], 50).length, 50);
  });
});
