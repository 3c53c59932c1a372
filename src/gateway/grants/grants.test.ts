import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../core/errors.js';
import { parseModelRef } from '../../core/model-ref.js';
import { GatewayError } from '../server/gateway-error.js';
import { createGrant } from './create-grant.js';
import { parseExpiry } from './duration.js';
import { generateKey, hashKey, hashesEqual, secretsEqual } from './keys.js';
import { type CallFeatures, checkCall, estimateTokens } from './policy.js';

const models = new Map([
  ['a', { name: 'a', upstream: parseModelRef('scripted:echo') }],
  ['a-rs', { name: 'a-rs', upstream: parseModelRef('scripted:echo'), variant: 'reduced-safeguards' }],
]);
const call = (over: Partial<CallFeatures> = {}): CallFeatures => ({ model: 'a', stream: false, n: 1, logprobs: false, topLogprobs: 0, reasoningRequested: false, promptText: 'hello', ...over });

describe('keys', () => {
  it('are random, prefixed, hashed with SHA-256 and compared in constant time', () => {
    const k1 = generateKey();
    const k2 = generateKey();
    assert.notEqual(k1, k2);
    assert.match(k1, /^ccx_/);
    assert.match(hashKey(k1), /^[0-9a-f]{64}$/);
    assert.ok(hashesEqual(hashKey(k1), hashKey(k1)));
    assert.ok(!hashesEqual(hashKey(k1), hashKey(k2)));
    assert.ok(!hashesEqual(hashKey(k1), 'ab'));
    const h = hashKey(k1);
    for (const i of [0, 31, 63]) assert.ok(!hashesEqual(h, h.slice(0, i) + (h[i] === '0' ? '1' : '0') + h.slice(i + 1)), `differs at ${i}`);
    assert.ok(secretsEqual('admin', 'admin') && !secretsEqual('admin', 'admin2'));
  });
});

describe('createGrant', () => {
  it('copies variant labels from the config, parses expiry, validates limits', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    const { grant, key, keyHash } = createGrant({ grantee: 'lab-b', models: ['a', 'a-rs'], expires: '30d', limits: { rpm: 600 }, policy: { deny: ['logit_bias'], maxLogprobs: 0 } }, models, now);
    assert.deepEqual(grant.models, [{ name: 'a' }, { name: 'a-rs', variant: 'reduced-safeguards' }]);
    assert.equal(grant.expiresAt, '2030-01-31T00:00:00.000Z');
    assert.equal(hashKey(key), keyHash);
    assert.ok(!JSON.stringify(grant).includes(key));
    assert.throws(() => createGrant({ grantee: 'lab-b', models: ['zzz'] }, models), /unknown model zzz/);
    assert.throws(() => createGrant({ grantee: 'lab b!', models: ['a'] }, models), UsageError);
    assert.throws(() => createGrant({ grantee: 'lab-b', models: ['a'], limits: { rpm: 0 } }, models), /rpm/);
    assert.throws(() => createGrant({ grantee: 'lab-b', models: [] }, models), /at least one model/);
  });

  it('parseExpiry takes durations and future dates only', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    assert.equal(parseExpiry('12h', now), '2030-01-01T12:00:00.000Z');
    assert.equal(parseExpiry('2030-02-01', now), '2030-02-01T00:00:00.000Z');
    assert.throws(() => parseExpiry('2029-01-01', now), /past/);
    assert.throws(() => parseExpiry('soon', now), UsageError);
  });
});

describe('checkCall', () => {
  const { grant } = createGrant({ grantee: 'lab-b', models: ['a-rs'], expires: '1h', policy: { deny: ['logit_bias'], maxLogprobs: 2, maxN: 2 } }, models);
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      assert.ok(e instanceof GatewayError);
      return `${e.status} ${e.code}`;
    }
    return 'ok';
  };

  it('returns the model entry with its variant when everything is allowed', () => {
    assert.deepEqual(checkCall(grant, call({ model: 'a-rs', topLogprobs: 2, logprobs: true, n: 2 }), {}, Date.now()), { name: 'a-rs', variant: 'reduced-safeguards' });
  });

  it('refuses status, expiry, model, denied fields, logprobs and n, in that order', () => {
    const now = Date.now();
    assert.equal(code(() => checkCall({ ...grant, status: 'revoked' }, call({ model: 'a-rs' }), {}, now)), '403 grant_revoked');
    assert.equal(code(() => checkCall({ ...grant, status: 'suspended' }, call({ model: 'a-rs' }), {}, now)), '403 grant_suspended');
    assert.equal(code(() => checkCall(grant, call({ model: 'a-rs' }), {}, now + 2 * 3_600_000)), '403 grant_expired');
    assert.equal(code(() => checkCall(grant, call({ model: 'a' }), {}, now)), '404 model_not_found');
    assert.equal(code(() => checkCall(grant, call({ model: 'a-rs' }), { logit_bias: {} }, now)), '400 parameter_not_allowed');
    assert.equal(code(() => checkCall(grant, call({ model: 'a-rs' }), { logit_bias: null }, now)), 'ok', 'null is not set');
    assert.equal(code(() => checkCall(grant, call({ model: 'a-rs', topLogprobs: 3 }), {}, now)), '400 parameter_not_allowed');
    assert.equal(code(() => checkCall(grant, call({ model: 'a-rs', n: 3 }), {}, now)), '400 parameter_not_allowed');
  });

  it('estimates tokens as prompt/4 + max tokens × n, with a default max', () => {
    assert.equal(estimateTokens(call({ promptText: 'x'.repeat(40), maxOutputTokens: 100, n: 2 }), 4096), 10 + 200);
    assert.equal(estimateTokens(call({ promptText: '' }), 4096), 4096);
  });
});
