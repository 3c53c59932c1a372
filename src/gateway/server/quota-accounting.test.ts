import OpenAI from 'openai';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type FakeOpenAIServer, openAIChatCompletion, startFakeOpenAIServer } from '../../models/testing/fake-openai-server.js';
import { type SlowSseUpstream, startSlowSseUpstream } from '../testing/slow-sse-upstream.js';
import { type TestGateway, startTestGateway } from '../testing/test-gateway.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('gateway: quotas and streaming accounting', () => {
  let oa: FakeOpenAIServer;
  let slow: SlowSseUpstream;
  let gw: TestGateway;

  before(async () => {
    oa = await startFakeOpenAIServer({ text: 'x'.repeat(360) }); // 90 completion tokens a reply
    // The pause between the first delta and the rest is longer than a loaded machine takes to pass a client's abort on.
    slow = await startSlowSseUpstream({ pauseMs: 1000, first: 'Hello', rest: ' world, at last.', promptTokens: 7, completionTokens: 5 });
    gw = await startTestGateway({
      models: { 'acme-large': { upstream: `openai:gpt-up@${oa.url}` }, 'acme-slow': { upstream: `openai:slow@${slow.url}` } },
    });
  });
  after(async () => {
    await gw.close();
    await oa.close();
    await slow.close();
  });
  beforeEach(() => {
    oa.reset();
    slow.requests.length = 0;
  });

  const client = (key: string) => new OpenAI({ apiKey: key, baseURL: `${gw.origin}/v1`, maxRetries: 0 });
  const ask = (key: string, extra: Record<string, unknown> = {}) =>
    client(key).chat.completions.create({ model: 'acme-large', messages: [{ role: 'user', content: 'hi' }], max_tokens: 60, ...extra } as any).then(
      (r) => ({ ok: true as const, r }),
      (e: any) => ({ ok: false as const, e }),
    );

  function assert429(res: { ok: boolean; e?: any }, code: string) {
    assert.equal(res.ok, false, `expected 429 ${code}`);
    assert.equal(res.e.status, 429);
    assert.equal(res.e.code, code);
    const retryAfter = Number(res.e.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1, `Retry-After in whole seconds, got ${res.e.headers.get('retry-after')}`);
    return retryAfter;
  }

  it('rpm: the request over the limit gets 429 with Retry-After and never reaches the upstream', async () => {
    const { key } = await gw.grant({ models: ['acme-large'], limits: { rpm: 2 } });
    assert.ok((await ask(key)).ok);
    assert.ok((await ask(key)).ok);
    const retryAfter = assert429(await ask(key), 'rpm_exceeded');
    assert.ok(retryAfter <= 30, 'one request refills in 30 s at 2 rpm');
    assert.equal(oa.requests.length, 2);
  });

  it('tpm: reserved before the call, charged with real usage after it', async () => {
    // Each call reserves ~61 tokens (prompt estimate + max_tokens 60) but really uses 90 + prompt.
    const { key } = await gw.grant({ models: ['acme-large'], limits: { tpm: 100 } });
    assert.ok((await ask(key)).ok);
    assert429(await ask(key), 'tpm_exceeded');
    assert.equal(oa.requests.length, 1);
  });

  it('total tokens: calls stop once the settled total plus the next reservation would pass the limit', async () => {
    const { grant, key } = await gw.grant({ models: ['acme-large'], limits: { maxTokensTotal: 300 } });
    let successes = 0;
    let last: Awaited<ReturnType<typeof ask>> | undefined;
    for (let i = 0; i < 6; i++) {
      last = await ask(key);
      if (!last.ok) break;
      successes++;
    }
    assert.ok(last && !last.ok, 'the total limit was hit');
    assert429(last!, 'total_tokens_exceeded');
    const usage = (await gw.store.getGrant(grant.id))!.usage;
    assert.equal(usage.outputTokens, 90 * successes, 'usage totals equal the upstream usage');
    assert.equal(oa.requests.length, successes);
    const total = usage.inputTokens + usage.outputTokens;
    const reservation = Math.ceil('hi'.length / 4) + 60;
    assert.ok(total <= 300 && total + reservation > 300, `stopped at ${total} of 300`);
  });

  it('concurrency: a second call while one is in flight gets 429; afterwards calls go through again', async () => {
    const { grant, key } = await gw.grant({ models: ['acme-large'], limits: { maxConcurrent: 1 } });
    oa.enqueue({ kind: 'json', delayMs: 200, body: openAIChatCompletion({ text: 'slow', promptTokens: 3, completionTokens: 1 }) });
    const first = ask(key);
    while (oa.requests.length === 0) await sleep(5);
    assert429(await ask(key), 'concurrency_exceeded');
    assert.ok((await first).ok);
    assert.ok((await ask(key)).ok, 'the slot was released');
    assert.deepEqual(gw.quota.snapshot(grant.id), { heldTokens: 0, inFlight: 0 });
  });

  it('streams pass each chunk on as it arrives: the first chunk reaches the client before the upstream has finished', async () => {
    const { key } = await gw.grant({ models: ['acme-slow'] });
    const stream = await client(key).chat.completions.create({ model: 'acme-slow', messages: [{ role: 'user', content: 'hi' }], stream: true });
    let firstAt = 0;
    let text = '';
    for await (const c of stream) {
      if (!firstAt && c.choices[0]?.delta?.content) firstAt = performance.now();
      text += c.choices[0]?.delta?.content ?? '';
    }
    assert.equal(text, 'Hello world, at last.');
    const finishedAt = slow.finishedAt.at(-1)!;
    assert.ok(firstAt > 0 && firstAt < finishedAt - 100, `first chunk at ${firstAt.toFixed(1)}, upstream finished at ${finishedAt.toFixed(1)}`);
  });

  it('a stream cut by the client is still settled: usage recorded, quota hold and slot released, upstream stopped', async () => {
    const { grant, key } = await gw.grant({ models: ['acme-slow'], limits: { maxConcurrent: 1, tpm: 100_000 } });
    const cutBefore = slow.cut;
    const controller = new AbortController();
    const stream = await client(key).chat.completions.create(
      { model: 'acme-slow', messages: [{ role: 'user', content: 'a question of some length' }], stream: true },
      { signal: controller.signal },
    );
    for await (const c of stream) {
      if (c.choices[0]?.delta?.content) {
        controller.abort();
        break;
      }
    }
    for (let i = 0; i < 100 && (await gw.store.getGrant(grant.id))!.usage.requests === 0; i++) await sleep(10);
    const usage = (await gw.store.getGrant(grant.id))!.usage;
    assert.equal(usage.requests, 1);
    assert.equal(usage.inputTokens, Math.ceil('a question of some length'.length / 4), 'input estimated from the prompt');
    assert.equal(usage.outputTokens, Math.ceil('Hello'.length / 4), 'output counted from the deltas that got through');
    assert.deepEqual(gw.quota.snapshot(grant.id), { heldTokens: 0, inFlight: 0 });
    const leaf = gw.audit.ofKind('response').filter((e) => e.grantId === grant.id).at(-1)!;
    assert.equal((leaf.detail as any).clientClosed, true);
    assert.equal((leaf.detail as any).estimated, true);
    for (let i = 0; i < 50 && slow.cut === cutBefore; i++) await sleep(10);
    assert.equal(slow.cut, cutBefore + 1, 'the upstream stream was stopped');
  });

  it('a streamed call that completes is settled from the upstream usage chunk exactly', async () => {
    const { grant, key } = await gw.grant({ models: ['acme-slow'] });
    const stream = await client(key).chat.completions.create({ model: 'acme-slow', messages: [{ role: 'user', content: 'hi' }], stream: true });
    for await (const _ of stream) void _;
    const usage = (await gw.store.getGrant(grant.id))!.usage;
    assert.deepEqual(usage, { requests: 1, inputTokens: 7, outputTokens: 5 });
  });
});
