import assert from 'node:assert/strict';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type FakeOpenAIServer, openAIError, startFakeOpenAIServer } from '../../models/testing/fake-openai-server.js';
import { type TestGateway, startTestGateway } from '../testing/test-gateway.js';

const ask = JSON.stringify({ model: 'acme-large', messages: [{ role: 'user', content: 'hello' }] });

describe('gateway pass-through: broken upstream replies', () => {
  let oa: FakeOpenAIServer;
  let notHttp: net.Server;
  let gw: TestGateway;
  let key: string;
  let grantId: string;

  before(async () => {
    oa = await startFakeOpenAIServer({ text: 'fine' });
    // TEST DOUBLE: something listening where the model should be that does not speak HTTP.
    notHttp = net.createServer((s) => s.on('data', () => s.end('220 smtp.example ESMTP ready\r\n\r\n')));
    await new Promise<void>((r) => notHttp.listen(0, '127.0.0.1', r));
    gw = await startTestGateway({
      models: {
        'acme-large': { upstream: `openai:gpt-up@${oa.url}` },
        'acme-odd': { upstream: `openai:gpt-up@http://127.0.0.1:${(notHttp.address() as AddressInfo).port}/v1` },
      },
    });
    ({ key, grant: { id: grantId } } = await gw.grant());
  });
  after(async () => {
    await gw.close();
    await oa.close();
    await new Promise((r) => notHttp.close(r));
  });
  beforeEach(() => oa.reset());

  const call = (body = ask) =>
    fetch(`${gw.origin}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
  const lastResponseLeaf = () => gw.audit.entries.filter((e) => e.kind === 'response').at(-1)!;

  it("the upstream's 429 reaches the grantee with its Retry-After; its 503 with its status", async () => {
    oa.enqueue(openAIError(429, 'slow down', { 'retry-after': '7' }), openAIError(503, 'overloaded'));
    const r1 = await call();
    assert.equal(r1.status, 429);
    assert.equal(r1.headers.get('retry-after'), '7');
    assert.equal(((await r1.json()) as any).error.message, 'slow down');
    const r2 = await call();
    assert.equal(r2.status, 503);
    assert.equal(lastResponseLeaf().detail?.status, 503);
  });

  it('a reply cut off mid-body is a 502 upstream_truncated; a connection closed without a reply, 502 upstream_unreachable; both audited and settled', async () => {
    const before = (await gw.store.getGrant(grantId))!.usage.requests;
    oa.enqueue({ kind: 'truncated', body: '{"id":"chatcmpl-1","choi' }, { kind: 'reset' });
    const r1 = await call();
    assert.equal(r1.status, 502);
    assert.equal(((await r1.json()) as any).error.code, 'upstream_truncated');
    assert.equal(lastResponseLeaf().detail?.code, 'upstream_truncated');
    const r2 = await call();
    assert.equal(r2.status, 502);
    assert.equal(((await r2.json()) as any).error.code, 'upstream_unreachable');
    assert.match(r2.headers.get('x-crosscheck-receipt') ?? '', /^\d+:[0-9a-f]{64}$/);
    assert.equal((await gw.store.getGrant(grantId))!.usage.requests, before + 2);
    // The pool dropped the broken connections: the next call goes through.
    assert.equal((await call()).status, 200);
  });

  it('a 200 whose body is not JSON is passed on byte for byte, its usage estimated', async () => {
    oa.enqueue({ kind: 'raw', body: '{"choices": [ this is not json' });
    const r = await call();
    assert.equal(r.status, 200);
    assert.equal(await r.text(), '{"choices": [ this is not json');
    assert.equal(lastResponseLeaf().detail?.estimated, true);
  });

  it('a stream that breaks off ends with an error event after the chunks that came', async () => {
    oa.enqueue({ kind: 'sse', events: [{ data: { id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: 'partial' } }] } }], endAbruptly: true });
    const r = await call(JSON.stringify({ ...JSON.parse(ask), stream: true }));
    assert.equal(r.status, 200);
    const text = await r.text();
    assert.ok(text.indexOf('partial') < text.indexOf('upstream_stream_failed'), text);
    assert.equal(lastResponseLeaf().detail?.endedBy, 'upstream_stream_failed');
  });

  it('an upstream that does not speak HTTP: 502 upstream_bad_reply, nothing of its bytes passed on', async () => {
    const r = await call(JSON.stringify({ ...JSON.parse(ask), model: 'acme-odd' }));
    assert.equal(r.status, 502);
    const body = await r.text();
    assert.equal(JSON.parse(body).error.code, 'upstream_bad_reply');
    assert.doesNotMatch(body, /smtp/);
  });
});

it('closing the gateway closes its idle upstream connections', async () => {
  const up = await startFakeOpenAIServer({ text: 'ok' });
  const gw = await startTestGateway({ models: { m: { upstream: `openai:up@${up.url}` } } });
  try {
    const { key } = await gw.grant();
    const r = await fetch(`${gw.origin}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] }) });
    assert.equal(r.status, 200);
    assert.equal(up.connections(), 1, 'kept alive for the next call');
  } finally {
    await gw.close();
  }
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(up.connections(), 0);
  await up.close();
});
