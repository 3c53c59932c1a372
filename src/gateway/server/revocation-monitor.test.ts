import OpenAI from 'openai';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../../models/testing/fake-openai-server.js';
import type { MonitorAlert } from '../contracts.js';
import { FakeMonitor } from '../testing/fake-audit-sink.js';
import { TEST_ADMIN_KEY, type TestGateway, startTestGateway } from '../testing/test-gateway.js';

describe('gateway: revocation under load, monitor alerts, admin API, secrets', () => {
  let oa: FakeOpenAIServer;
  let gw: TestGateway;
  const keys: string[] = [TEST_ADMIN_KEY];
  const monitor = new FakeMonitor((r, seen): MonitorAlert[] => {
    const n = seen.filter((s) => s.grantId === r.grantId).length;
    if (r.prompt.includes('suspend-me') && n >= 2) return [{ grantId: r.grantId, signal: 'volume', value: n, threshold: 1, message: 'too many', action: 'suspend' }];
    if (r.prompt.includes('throttle-me')) return [{ grantId: r.grantId, signal: 'pacing', value: 9, threshold: 3, message: 'robotic', action: 'throttle' }];
    return [];
  });

  before(async () => {
    oa = await startFakeOpenAIServer({ text: 'ok', handler: undefined });
    gw = await startTestGateway({ models: { 'acme-large': { upstream: `openai:gpt-up@${oa.url}` } }, monitor });
  });
  after(async () => {
    await gw.close();
    await oa.close();
  });

  const client = (key: string) => new OpenAI({ apiKey: key, baseURL: `${gw.origin}/v1`, maxRetries: 0 });
  const ask = (key: string, content = 'hi') =>
    client(key).chat.completions.create({ model: 'acme-large', messages: [{ role: 'user', content }] }).then(
      () => 200,
      (e: any) => e.status as number,
    );
  const admin = (method: string, path: string, body?: unknown, key = TEST_ADMIN_KEY) =>
    fetch(`${gw.origin}${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

  it('admin API: create (key shown once, stored as a hash), get, list; wrong or missing admin key refused', async () => {
    const res = await admin('POST', '/admin/grants', {
      grantee: 'lab-b', models: ['acme-large'], expires: '30d', purpose: 'safety evaluation', suites: ['hallucination', 'jailbreak'],
      limits: { rpm: 600, tpm: 2_000_000, maxTokensTotal: 500_000_000 }, policy: { deny: ['logit_bias'], maxLogprobs: 0 },
    });
    assert.equal(res.status, 201);
    assert.match(res.headers.get('x-crosscheck-receipt') ?? '', /^\d+:[0-9a-f]{64}$/);
    const { grant, key } = (await res.json()) as any;
    keys.push(key);
    assert.match(key, /^ccx_[A-Za-z0-9_-]{43}$/);
    assert.equal(grant.limits.rpm, 600);
    assert.ok(Date.parse(grant.expiresAt) > Date.now() + 29 * 86_400_000);
    assert.equal(await ask(key), 200);

    const got = (await (await admin('GET', `/admin/grants/${grant.id}`)).json()) as any;
    assert.equal(got.grant.id, grant.id);
    assert.equal(got.usage.requests, 1);
    assert.ok(!JSON.stringify(got).includes(key), 'the key is never shown again');
    const list = (await (await admin('GET', '/admin/grants')).json()) as any;
    assert.ok(list.grants.some((g: any) => g.grant.id === grant.id));
    assert.equal((await admin('GET', '/admin/grants', undefined, 'wrong')).status, 401);
    assert.equal((await fetch(`${gw.origin}/admin/grants`)).status, 401);
    assert.equal((await admin('GET', '/admin/grants', undefined, key)).status, 401, 'a grantee key is not an admin key');
    assert.equal((await admin('POST', '/admin/grants', { grantee: 'lab-b', models: ['nope'] })).status, 400);
    const created = gw.audit.ofKind('grant_created').find((e) => e.grantId === grant.id)!;
    assert.equal((created.detail as any).purpose, 'safety evaluation');
  });

  it('revocation under load: calls in flight finish, the next call after the revocation is refused', async () => {
    const { grant, key } = await gw.grant();
    keys.push(key);
    const N = 8;
    oa.reset();
    for (let i = 0; i < N; i++) oa.enqueue({ kind: 'json', delayMs: 150, body: { id: 'x', object: 'chat.completion', created: 0, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'slow' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } } });
    const inFlight = Array.from({ length: N }, () => ask(key));
    while (oa.requests.length < N) await new Promise((r) => setTimeout(r, 5));
    const revoked = await admin('POST', `/admin/grants/${grant.id}/revoke`, { reason: 'lab-b broke the terms' });
    assert.equal(revoked.status, 200);
    assert.equal(await ask(key), 403, 'refused right after the revocation');
    assert.deepEqual(await Promise.all(inFlight), Array(N).fill(200));
    assert.equal(oa.requests.length, N, 'nothing after the revocation reached the upstream');
    const leaf = gw.audit.ofKind('grant_revoked').at(-1)!;
    assert.equal(leaf.grantId, grant.id);
    assert.equal((leaf.detail as any).reason, 'lab-b broke the terms');
    assert.equal((await gw.store.getGrant(grant.id))!.usage.requests, N, 'in-flight calls were all settled');
  });

  it('a revocation written to the store by another process takes effect on the next request (no cache)', async () => {
    const { grant, key } = await gw.grant();
    keys.push(key);
    assert.equal(await ask(key), 200);
    await gw.store.setStatus(grant.id, 'revoked', 'direct', new Date().toISOString());
    assert.equal(await ask(key), 403);
  });

  it('monitor: every call is observed; a suspend alert is audited and suspends the grant', async () => {
    const { grant, key } = await gw.grant({ policy: { deny: [] } });
    keys.push(key);
    assert.equal(await ask(key, 'suspend-me 1'), 200);
    assert.equal(await ask(key, 'suspend-me 2'), 200);
    assert.equal(await ask(key, 'suspend-me 3'), 403);
    const seen = monitor.seen.filter((r) => r.grantId === grant.id);
    assert.equal(seen.length, 2);
    assert.equal(seen[0].inputTokens > 0 && seen[0].outputTokens > 0, true);
    const alert = gw.audit.ofKind('alert').find((e) => e.grantId === grant.id)!;
    assert.equal((alert.detail as any).action, 'suspend');
    assert.equal((await gw.store.getGrant(grant.id))!.grant.status, 'suspended');
    assert.ok(gw.audit.ofKind('grant_changed').some((e) => e.grantId === grant.id && (e.detail as any).status === 'suspended'));
  });

  it('monitor: a throttle alert halves the grant\'s rpm', async () => {
    const { grant, key } = await gw.grant({ limits: { rpm: 600 } });
    keys.push(key);
    assert.equal(await ask(key, 'throttle-me'), 200);
    assert.equal((await gw.store.getGrant(grant.id))!.grant.limits.rpm, 300);
  });

  it('no key (grantee or admin) appears in logs, audit entries or stored bodies', async () => {
    assert.equal(await ask('ccx_an-unknown-key-that-should-not-be-logged'), 401);
    keys.push('ccx_an-unknown-key-that-should-not-be-logged');
    await new Promise((r) => setImmediate(r));
    const everything = [
      ...gw.logs,
      ...gw.audit.entries.map((e) => JSON.stringify(e)),
      ...gw.bodies.bodies.map((b) => b.body.toString('utf8')),
    ].join('\n');
    assert.ok(gw.logs.length > 0, 'the gateway did log something');
    for (const k of keys) assert.ok(!everything.includes(k), 'a key leaked');
  });
});
