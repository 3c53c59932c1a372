import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { totalTokens } from '../grants/grant.js';
import { type MaliciousUpstream, startMaliciousUpstream } from '../testing/malicious-upstream.js';
import { type TestGateway, startTestGateway } from '../testing/test-gateway.js';

describe('quota truth: a reservation bounds what a call can spend; reported usage never lowers it', () => {
  let up: MaliciousUpstream;
  let gw: TestGateway;
  before(async () => {
    up = await startMaliciousUpstream();
    gw = await startTestGateway({ models: { acme: { upstream: `openai:m@${up.url}` } }, yaml: 'defaultMaxTokens: 64' });
  });
  after(async () => {
    await gw.close();
    await up.close();
  });
  const call = (key: string, extra: Record<string, unknown> = {}) =>
    fetch(`${gw.origin}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: JSON.stringify({ model: 'acme', messages: [{ role: 'user', content: 'hi' }], ...extra }) });

  it('ten concurrent calls without max_tokens under a total limit of 1,000: the upstream is sent the per-call cap and the total holds', { timeout: 20000 }, async () => {
    const { key, grant } = await gw.grant({ limits: { maxTokensTotal: 1000, maxTokensPerCall: 100 } });
    up.requests.length = 0;
    up.script({ kind: 'spend-max-tokens', ignoring: 100_000, delayMs: 100 }); // spends whatever it is allowed
    const replies = await Promise.all(Array.from({ length: 10 }, () => call(key)));
    const ok = replies.filter((r) => r.status === 200).length;
    assert.ok(ok >= 1 && ok < 10, `${ok} admitted`);
    assert.ok(up.requests.every((b) => b.max_tokens === 100), 'max_tokens injected from the grant');
    const spent = totalTokens((await gw.store.getGrant(grant.id))!.usage);
    assert.ok(spent <= 1000, `spent ${spent}`);
    const leaf = gw.audit.entries.find((e) => e.kind === 'request' && e.grantId === grant.id && (e.detail as any).accepted);
    assert.equal((leaf!.detail as any).injectedMaxTokens, 100, 'the log says what the gateway changed');
  });

  it('without a per-call cap the gateway default is sent; above the cap a call is refused', { timeout: 20000 }, async () => {
    const { key } = await gw.grant({ limits: { maxTokensPerCall: 50 } });
    up.script({ kind: 'spend-max-tokens', ignoring: 1 });
    assert.equal((await call(key, { max_tokens: 51 })).status, 400);
    const { key: open } = await gw.grant();
    up.requests.length = 0;
    assert.equal((await call(open)).status, 200);
    assert.equal(up.requests[0].max_tokens, 64);
    assert.equal((await call(open, { max_tokens: 7 })).status, 200);
    assert.equal(up.requests[1].max_tokens, 7, "the grantee's own max is left alone");
  });

  it('negative reported usage is clamped at zero', { timeout: 20000 }, async () => {
    const { key, grant } = await gw.grant();
    up.script({ kind: 'usage', promptTokens: -1_000_000, completionTokens: 5 });
    assert.equal((await call(key, { max_tokens: 5 })).status, 200);
    const usage = (await gw.store.getGrant(grant.id))!.usage;
    assert.deepEqual([usage.inputTokens, usage.outputTokens], [0, 5]);
  });
});
