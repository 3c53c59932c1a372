import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type FakeAnthropicServer, startFakeAnthropicServer } from '../../models/testing/fake-anthropic-server.js';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../../models/testing/fake-openai-server.js';
import { type TestGateway, startTestGateway } from '../testing/test-gateway.js';

const RECEIPT = /^\d+:[0-9a-f]{64}$/;

describe('gateway: serving grantees with the official SDKs', () => {
  let oa: FakeOpenAIServer;
  let an: FakeAnthropicServer;
  let gw: TestGateway;
  let key: string;
  let grantId: string;

  before(async () => {
    oa = await startFakeOpenAIServer({ text: 'hello from upstream' });
    an = await startFakeAnthropicServer({ text: 'hello from claude' });
    gw = await startTestGateway({
      models: {
        'acme-large': { upstream: `openai:gpt-up@${oa.url}` },
        'acme-large-reduced-safeguards': { upstream: `openai:gpt-up-rs@${oa.url}`, variant: 'reduced-safeguards' },
        'acme-claude': { upstream: `anthropic:claude-up@${an.url}` },
        'acme-echo': { upstream: 'scripted:echo' },
      },
    });
    ({ key, grant: { id: grantId } } = await gw.grant());
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

  const openai = () => new OpenAI({ apiKey: key, baseURL: `${gw.origin}/v1`, maxRetries: 0 });
  const anthropic = () => new Anthropic({ apiKey: key, baseURL: gw.origin, maxRetries: 0 });

  it('OpenAI chat completion: forwarded with the upstream model name, answered with a receipt, usage settled', async () => {
    const { data, response } = await openai()
      .chat.completions.create({ model: 'acme-large', messages: [{ role: 'user', content: 'hi there' }], max_tokens: 50 })
      .withResponse();
    assert.equal(data.choices[0].message.content, 'hello from upstream');
    assert.equal(oa.requests.length, 1);
    assert.equal(oa.requests[0].body.model, 'gpt-up');
    assert.notEqual(oa.requests[0].headers.authorization, `Bearer ${key}`, 'the grantee key never goes upstream');
    assert.match(response.headers.get('x-crosscheck-receipt') ?? '', RECEIPT);
    const [index] = response.headers.get('x-crosscheck-receipt')!.split(':');
    const leaf = gw.audit.entries[Number(index)];
    assert.equal(leaf.kind, 'response');
    assert.equal(leaf.grantId, grantId);
    assert.equal((leaf.detail as any).inputTokens, data.usage!.prompt_tokens);
    const usage = (await gw.store.getGrant(grantId))!.usage;
    assert.ok(usage.requests >= 1);
  });

  it('variant labels travel into every audit leaf of the call', async () => {
    const before = gw.audit.entries.length;
    await openai().chat.completions.create({ model: 'acme-large-reduced-safeguards', messages: [{ role: 'user', content: 'x' }] });
    const leaves = gw.audit.entries.slice(before);
    assert.deepEqual(leaves.map((l) => l.kind), ['request', 'response']);
    for (const l of leaves) assert.equal(l.variant, 'reduced-safeguards');
    assert.equal(leaves[0].requestId, leaves[1].requestId);
  });

  it('request and response bodies are stored with salts that reproduce their audit hashes', async () => {
    const { createHash } = await import('node:crypto');
    const before = gw.audit.entries.length;
    await openai().chat.completions.create({ model: 'acme-large', messages: [{ role: 'user', content: 'hash me' }] });
    await new Promise((r) => setImmediate(r));
    for (const leaf of gw.audit.entries.slice(before)) {
      const stored = gw.bodies.bodies.find((b) => b.requestId === leaf.requestId && b.part === leaf.kind);
      assert.ok(stored, `${leaf.kind} body kept`);
      const hash = createHash('sha256').update(Buffer.from(stored.salt, 'hex')).update(stored.body).digest('hex');
      assert.equal(hash, leaf.bodyHash);
    }
  });

  it('OpenAI streaming: the SDK reads the stream; usage is settled from the upstream usage chunk', async () => {
    const before = (await gw.store.getGrant(grantId))!.usage;
    const stream = await openai().chat.completions.create({ model: 'acme-large', messages: [{ role: 'user', content: 'stream please' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    assert.equal(text, 'hello from upstream');
    assert.equal(oa.requests[0].body.stream_options.include_usage, true, 'usage requested from the upstream');
    const up = oa.requests[0].body;
    const promptTokens = Math.max(1, Math.ceil(JSON.stringify(up.messages).length / 4));
    const after = (await gw.store.getGrant(grantId))!.usage;
    assert.equal(after.inputTokens - before.inputTokens, promptTokens);
    assert.equal(after.outputTokens - before.outputTokens, Math.ceil('hello from upstream'.length / 4));
    const resp = gw.audit.ofKind('response').at(-1)!;
    assert.equal((resp.detail as any).estimated, false);
  });

  it('Anthropic messages, streamed and not; usage equals the upstream usage', async () => {
    const before = (await gw.store.getGrant(grantId))!.usage;
    const { data: msg, response } = await anthropic()
      .messages.create({ model: 'acme-claude', max_tokens: 100, messages: [{ role: 'user', content: 'hi claude' }] })
      .withResponse();
    assert.equal(msg.content[0].type === 'text' && msg.content[0].text, 'hello from claude');
    assert.match(response.headers.get('x-crosscheck-receipt') ?? '', RECEIPT);
    assert.equal(an.requests[0].body.model, 'claude-up');
    assert.equal(an.requests[0].headers['x-api-key'], 'none', 'the upstream key, not the grantee key');

    const stream = await anthropic().messages.create({ model: 'acme-claude', max_tokens: 100, messages: [{ role: 'user', content: 'stream' }], stream: true });
    let text = '';
    for await (const e of stream) if (e.type === 'content_block_delta' && e.delta.type === 'text_delta') text += e.delta.text;
    assert.equal(text, 'hello from claude');

    const after = (await gw.store.getGrant(grantId))!.usage;
    const expectedInput = an.requests.reduce((n, r) => n + Math.max(1, Math.ceil(JSON.stringify(r.body.messages).length / 4)), 0);
    assert.equal(after.inputTokens - before.inputTokens, expectedInput);
    assert.equal(after.outputTokens - before.outputTokens, 2 * Math.ceil('hello from claude'.length / 4));
  });

  it('Anthropic key accepted in x-api-key as well as Authorization: Bearer (which this SDK sends)', async () => {
    const client = new Anthropic({ authToken: key, apiKey: null, baseURL: gw.origin, maxRetries: 0 });
    const msg = await client.messages.create({ model: 'acme-claude', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] });
    assert.equal(msg.type, 'message');
    assert.match(String(an.requests[0].headers.authorization ?? ''), /^$/, 'no grantee bearer goes upstream');
    const res = await fetch(`${gw.origin}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'acme-claude', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }),
    });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as any).type, 'message');
  });

  it('Provider path: an OpenAI request to a non-HTTP upstream is translated, streamed or not', async () => {
    const res = await openai().chat.completions.create({ model: 'acme-echo', messages: [{ role: 'user', content: 'echo me' }] });
    assert.equal(res.choices[0].message.content, 'echo me');
    assert.equal(res.usage?.prompt_tokens, Math.ceil('echo me'.length / 4));
    const stream = await openai().chat.completions.create({ model: 'acme-echo', messages: [{ role: 'user', content: 'and stream' }], stream: true, stream_options: { include_usage: true } });
    let text = '';
    let usage: unknown;
    for await (const c of stream) {
      text += c.choices[0]?.delta?.content ?? '';
      usage ??= c.usage;
    }
    assert.equal(text, 'and stream');
    assert.ok(usage);
    const claude = await anthropic().messages.create({ model: 'acme-echo', max_tokens: 20, system: 'sys', messages: [{ role: 'user', content: 'via anthropic' }] });
    assert.equal(claude.content[0].type === 'text' && claude.content[0].text, 'via anthropic');
    const s = await anthropic().messages.create({ model: 'acme-echo', max_tokens: 20, messages: [{ role: 'user', content: 'anthropic stream' }], stream: true });
    let t = '';
    for await (const e of s) if (e.type === 'content_block_delta' && e.delta.type === 'text_delta') t += e.delta.text;
    assert.equal(t, 'anthropic stream');
  });

  it('Provider path: fields it cannot translate are refused with 400 before any quota or upstream', async () => {
    const err = await openai()
      .chat.completions.create({ model: 'acme-echo', messages: [{ role: 'user', content: 'x' }], tools: [{ type: 'function', function: { name: 'f' } }] })
      .catch((e) => e);
    assert.equal(err.status, 400);
    assert.equal(err.param, 'tools');
  });

  it('an upstream error is passed on with its status; an upstream refusing the gateway key becomes 502', async () => {
    const { openAIError } = await import('../../models/testing/fake-openai-server.js');
    oa.enqueue(openAIError(500, 'upstream broke'), openAIError(401, 'bad key sk-upstream'));
    const e1 = await openai().chat.completions.create({ model: 'acme-large', messages: [{ role: 'user', content: 'x' }] }).catch((e) => e);
    assert.equal(e1.status, 500);
    const e2 = await openai().chat.completions.create({ model: 'acme-large', messages: [{ role: 'user', content: 'x' }] }).catch((e) => e);
    assert.equal(e2.status, 502);
    assert.doesNotMatch(e2.message, /sk-upstream/);
    assert.match(e2.headers.get('x-crosscheck-receipt') ?? '', RECEIPT);
  });

  it('GET /v1/models lists only the grant\'s models, in OpenAI and Anthropic shapes', async () => {
    const { grant, key: narrowKey } = await gw.grant({ models: ['acme-claude'] });
    const client = new OpenAI({ apiKey: narrowKey, baseURL: `${gw.origin}/v1`, maxRetries: 0 });
    const ids: string[] = [];
    for await (const m of client.models.list()) ids.push(m.id);
    assert.deepEqual(ids, ['acme-claude']);
    const anth = new Anthropic({ apiKey: narrowKey, baseURL: gw.origin, maxRetries: 0 });
    const page = await anth.models.list();
    assert.deepEqual(page.data.map((m) => m.id), ['acme-claude']);
    assert.equal(grant.models.length, 1);
  });
});
