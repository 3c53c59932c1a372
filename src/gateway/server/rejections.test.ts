import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type FakeAnthropicServer, startFakeAnthropicServer } from '../../models/testing/fake-anthropic-server.js';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../../models/testing/fake-openai-server.js';
import { createGrant } from '../grants/create-grant.js';
import { rawConnect } from '../testing/raw-client.js';
import { TEST_ADMIN_KEY, type TestGateway, startTestGateway } from '../testing/test-gateway.js';

const RECEIPT = /^\d+:[0-9a-f]{64}$/;

/** Every way a request is turned away: the right status and error shape, a receipt, and no upstream call. */
describe('gateway: rejections never reach the upstream', () => {
  let oa: FakeOpenAIServer;
  let an: FakeAnthropicServer;
  let gw: TestGateway;
  let key: string;

  before(async () => {
    oa = await startFakeOpenAIServer();
    an = await startFakeAnthropicServer();
    gw = await startTestGateway({
      yaml: 'maxBodyBytes: 4096',
      models: {
        'acme-large': { upstream: `openai:gpt-up@${oa.url}` },
        'acme-claude': { upstream: `anthropic:claude-up@${an.url}` },
        'acme-secret': { upstream: `openai:secret@${oa.url}` },
      },
    });
    ({ key } = await gw.grant({ models: ['acme-large', 'acme-claude'], policy: { deny: ['logit_bias'], maxLogprobs: 2, maxN: 1 } }));
  });
  after(async () => {
    await gw.close();
    await oa.close();
    await an.close();
  });
  beforeEach(() => {
    oa.reset();
    an.reset();
  });

  const openai = (k = key) => new OpenAI({ apiKey: k, baseURL: `${gw.origin}/v1`, maxRetries: 0 });
  const anthropic = (k = key) => new Anthropic({ apiKey: k, baseURL: gw.origin, maxRetries: 0 });
  const chat = (extra: Record<string, unknown> = {}, k = key) =>
    openai(k).chat.completions.create({ model: 'acme-large', messages: [{ role: 'user', content: 'hello' }], ...extra } as any).then(
      () => assert.fail('expected a rejection'),
      (e: any) => e,
    );
  const message = (extra: Record<string, unknown> = {}, k = key) =>
    anthropic(k).messages.create({ model: 'acme-claude', max_tokens: 10, messages: [{ role: 'user', content: 'hello' }], ...extra } as any).then(
      () => assert.fail('expected a rejection'),
      (e: any) => e,
    );

  function assertOpenAIError(err: any, status: number, code: string, param?: string) {
    assert.ok(err instanceof OpenAI.APIError, String(err));
    assert.equal(err.status, status);
    assert.equal(err.code, code);
    assert.equal(typeof err.error.message, 'string');
    assert.ok('type' in err.error && 'param' in err.error, 'OpenAI error shape {message,type,param,code}');
    if (param) assert.equal(err.param, param);
    assert.match(err.headers.get('x-crosscheck-receipt') ?? '', RECEIPT);
  }

  function assertAnthropicError(err: any, status: number, type: string) {
    assert.ok(err instanceof Anthropic.APIError, String(err));
    assert.equal(err.status, status);
    assert.equal(err.error.type, 'error');
    assert.equal(err.error.error.type, type);
    assert.match(err.headers.get('x-crosscheck-receipt') ?? '', RECEIPT);
  }

  function assertNoUpstreamCall() {
    assert.equal(oa.requests.length, 0, 'OpenAI upstream received nothing');
    assert.equal(an.requests.length, 0, 'Anthropic upstream received nothing');
  }

  it('unknown key: 401 in both formats', async () => {
    assertOpenAIError(await chat({}, 'ccx_not-a-real-key'), 401, 'invalid_api_key');
    assertAnthropicError(await message({}, 'ccx_not-a-real-key'), 401, 'authentication_error');
    assertNoUpstreamCall();
  });

  it('no key at all: 401', async () => {
    const res = await fetch(`${gw.origin}/v1/chat/completions`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as any).error.code, 'missing_api_key');
    assertNoUpstreamCall();
  });

  it('expired grant: 403', async () => {
    const { grant, key: old, keyHash } = createGrant({ grantee: 'lab-c', models: ['acme-large'], expires: '1h' }, gw.config.models, new Date(Date.now() - 2 * 3_600_000));
    await gw.store.createGrant(grant, keyHash);
    assertOpenAIError(await chat({}, old), 403, 'grant_expired');
    assertNoUpstreamCall();
  });

  it('revoked grant (through the admin API): 403 in both formats', async () => {
    const { grant, key: k } = await gw.grant({ models: ['acme-large', 'acme-claude'] });
    const res = await fetch(`${gw.origin}/admin/grants/${grant.id}/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'study finished' }),
    });
    assert.equal(res.status, 200);
    assertOpenAIError(await chat({}, k), 403, 'grant_revoked');
    assertAnthropicError(await message({}, k), 403, 'permission_error');
    assertNoUpstreamCall();
  });

  it('suspended grant: 403', async () => {
    const { grant, key: k } = await gw.grant({ models: ['acme-large'] });
    await gw.store.setStatus(grant.id, 'suspended', 'test', new Date().toISOString());
    assertOpenAIError(await chat({}, k), 403, 'grant_suspended');
    assertNoUpstreamCall();
  });

  it('model not in the grant (even one the gateway serves): 404', async () => {
    assertOpenAIError(await chat({ model: 'acme-secret' }), 404, 'model_not_found', 'model');
    assertAnthropicError(await message({ model: 'acme-secret' }), 404, 'not_found_error');
    assertOpenAIError(await chat({ model: 'gpt-up' }), 404, 'model_not_found', 'model');
    assertNoUpstreamCall();
  });

  it('denied parameter (logit_bias): 400', async () => {
    assertOpenAIError(await chat({ logit_bias: { '50256': -100 } }), 400, 'parameter_not_allowed', 'logit_bias');
    assertNoUpstreamCall();
  });

  it('too many logprobs, or n above the grant\'s maximum: 400', async () => {
    assertOpenAIError(await chat({ logprobs: true, top_logprobs: 3 }), 400, 'parameter_not_allowed', 'top_logprobs');
    assertOpenAIError(await chat({ n: 2 }), 400, 'parameter_not_allowed', 'n');
    assertNoUpstreamCall();
    // The boundary itself is allowed.
    await openai().chat.completions.create({ model: 'acme-large', messages: [{ role: 'user', content: 'x' }], logprobs: true, top_logprobs: 2 });
    assert.equal(oa.requests.length, 1);
  });

  it('max logprobs 0 forbids logprobs: true', async () => {
    const { key: k } = await gw.grant({ models: ['acme-large'], policy: { maxLogprobs: 0 } });
    assertOpenAIError(await chat({ logprobs: true }, k), 400, 'parameter_not_allowed', 'logprobs');
    assertNoUpstreamCall();
  });

  it('under max logprobs 0: "logprobs": "true" or 1, prompt_logprobs, and best_of above max n never reach the upstream', async () => {
    const { key: k } = await gw.grant({ models: ['acme-large'], policy: { maxLogprobs: 0, maxN: 1 } });
    assertOpenAIError(await chat({ logprobs: 'true' }, k), 400, 'invalid_request', 'logprobs');
    assertOpenAIError(await chat({ logprobs: 1 }, k), 400, 'invalid_request', 'logprobs');
    assertOpenAIError(await chat({ prompt_logprobs: 0 }, k), 400, 'parameter_not_allowed', 'logprobs');
    assertOpenAIError(await chat({ best_of: 4 }, k), 400, 'parameter_not_allowed', 'n');
    assertNoUpstreamCall();
  });

  it('an allow-list grant refuses fields its wire format does not define', async () => {
    const { key: k } = await gw.grant({ models: ['acme-large'], policy: { allowList: true } });
    assertOpenAIError(await chat({ guided_grammar: 'x' }, k), 400, 'parameter_not_allowed', 'guided_grammar');
    assertNoUpstreamCall();
  });

  it('bodies that are not UTF-8, or nest too deep: 400, nothing reaches the upstream', async () => {
    const bad = Buffer.concat([Buffer.from('{"model":"acme-large","messages":[{"role":"user","content":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}]}')]);
    const r1 = await fetch(`${gw.origin}/v1/chat/completions`, { method: 'POST', body: bad, headers: { authorization: `Bearer ${key}` } });
    assert.equal(r1.status, 400);
    assert.equal(((await r1.json()) as any).error.code, 'invalid_utf8');
    const deep = `{"model":"acme-large","messages":[{"role":"user","content":"x"}],"metadata":${'['.repeat(1000)}${']'.repeat(1000)}}`;
    const r2 = await fetch(`${gw.origin}/v1/chat/completions`, { method: 'POST', body: deep, headers: { authorization: `Bearer ${key}` } });
    assert.equal(r2.status, 400);
    assert.equal(((await r2.json()) as any).error.code, 'json_too_deep');
    assertNoUpstreamCall();
    assert.ok(!gw.logs.some((l) => /internal error/.test(l)), gw.logs.join('\n'));
  });

  it('a malformed percent-escape in an admin path: 400', async () => {
    const res = await fetch(`${gw.origin}/admin/grants/%E0%A4%A`, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as any).error.code, 'invalid_path');
  });

  it('a client that goes away mid-body is not logged as an internal error', async () => {
    const c = await rawConnect(gw.origin);
    await c.write('POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-length: 1000\r\n\r\n{"model":');
    c.destroy();
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(!gw.logs.some((l) => /internal error/.test(l)), gw.logs.join('\n'));
  });

  it('oversized body: 413 in both formats', async () => {
    const big = 'x'.repeat(5000);
    assertOpenAIError(await chat({ messages: [{ role: 'user', content: big }] }), 413, 'request_too_large');
    assertAnthropicError(await message({ messages: [{ role: 'user', content: big }] }), 413, 'request_too_large');
    assertNoUpstreamCall();
  });

  it('malformed JSON and non-requests: 400', async () => {
    for (const body of ['{"model": "acme-large", "messages": [', '[1,2]', '{"model":"acme-large"}']) {
      const res = await fetch(`${gw.origin}/v1/chat/completions`, { method: 'POST', body, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' } });
      assert.equal(res.status, 400, body);
      const json = (await res.json()) as any;
      assert.equal(typeof json.error.message, 'string');
      assert.match(res.headers.get('x-crosscheck-receipt') ?? '', RECEIPT);
    }
    const res = await fetch(`${gw.origin}/v1/messages`, { method: 'POST', body: '{nope', headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01' } });
    assert.equal(res.status, 400);
    assert.deepEqual(Object.keys((await res.json()) as object), ['type', 'error']);
    assertNoUpstreamCall();
  });

  it('unknown routes: 404 with a receipt', async () => {
    const res = await fetch(`${gw.origin}/v1/embeddings`, { method: 'POST', body: '{}', headers: { authorization: `Bearer ${key}` } });
    assert.equal(res.status, 404);
    assert.match(res.headers.get('x-crosscheck-receipt') ?? '', RECEIPT);
    assertNoUpstreamCall();
  });

  it('each rejection is audited as a request leaf (accepted: false) and a response leaf', async () => {
    const before = gw.audit.entries.length;
    await chat({ logit_bias: { '1': 1 } });
    const leaves = gw.audit.entries.slice(before);
    assert.deepEqual(leaves.map((l) => l.kind), ['request', 'response']);
    assert.equal((leaves[0].detail as any).accepted, false);
    assert.equal((leaves[1].detail as any).status, 400);
    assert.ok(leaves[0].grantId);
  });
});
