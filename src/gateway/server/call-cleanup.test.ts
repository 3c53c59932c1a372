import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openAIChatWire } from '../openai/chat-wire.js';
import { type MaliciousUpstream, startMaliciousUpstream } from '../testing/malicious-upstream.js';
import { throwingReply } from '../testing/throwing-reply.js';
import { type TestGateway, startTestGateway } from '../testing/test-gateway.js';
import { handleCall } from './handle-call.js';

const ask = JSON.stringify({ model: 'acme', messages: [{ role: 'user', content: 'hello' }], max_tokens: 5 });

describe('after admission, every call ends in one response leaf, one settlement and one usage record', () => {
  let up: MaliciousUpstream;
  let gw: TestGateway;
  before(async () => {
    up = await startMaliciousUpstream();
    gw = await startTestGateway({ models: { acme: { upstream: `openai:m@${up.url}` } } });
  });
  after(async () => {
    await gw.close();
    await up.close();
  });

  const responseLeaves = (requestId: string) => gw.audit.entries.filter((e) => e.kind === 'response' && e.requestId === requestId);
  const call = (key: string) => fetch(`${gw.origin}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: ask });

  it('an upstream header with a bare LF: 502, audited and settled; a one-call grant is free for the next call', { timeout: 20000 }, async () => {
    const { key, grant } = await gw.grant({ limits: { maxConcurrent: 1 } });
    up.script({ kind: 'bare-lf-header' }, { kind: 'usage', promptTokens: 3, completionTokens: 4 });
    const r = await call(key);
    assert.equal(r.status, 502);
    const id = r.headers.get('x-crosscheck-request-id')!;
    assert.equal((await r.json() as any).error.code, 'upstream_bad_reply');
    assert.equal(responseLeaves(id).length, 1);
    assert.match(r.headers.get('x-crosscheck-receipt') ?? '', /^\d+:/);
    assert.equal((await gw.store.getGrant(grant.id))!.usage.requests, 1);
    const next = await call(key);
    assert.equal(next.status, 200, 'the concurrency hold was released');
    assert.equal((await gw.store.getGrant(grant.id))!.usage.requests, 2);
  });

  it('a reply writer that throws: still one response leaf, one settlement, one usage record; the hold is released', { timeout: 20000 }, async () => {
    const { key, grant } = await gw.grant({ limits: { maxConcurrent: 1 } });
    up.script({ kind: 'usage', promptTokens: 3, completionTokens: 4 });
    const before = gw.audit.entries.length;
    const res = throwingReply();
    await handleCall(gw.gateway.context, openAIChatWire, { headers: { authorization: `Bearer ${key}` }, body: async () => Buffer.from(ask) }, res);
    const mine = gw.audit.entries.slice(before);
    assert.deepEqual(mine.map((e) => e.kind), ['request', 'response'], 'one request leaf, one response leaf');
    assert.equal((await gw.store.getGrant(grant.id))!.usage.requests, 1);
    assert.equal(res.destroyed, true, 'the broken response was closed');
    assert.ok(gw.logs.some((l) => /internal error/.test(l)), 'and the failure logged');
    assert.equal((await call(key)).status, 200, 'the concurrency hold was released');
    assert.equal((await gw.store.getGrant(grant.id))!.usage.requests, 2);
  });
});
