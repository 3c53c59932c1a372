import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SqliteGatewayStore } from '../store/sqlite-gateway-store.js';
import { type MaliciousUpstream, startMaliciousUpstream } from '../testing/malicious-upstream.js';
import { TEST_ADMIN_KEY, type TestGateway, startTestGateway } from '../testing/test-gateway.js';

const streamAsk = JSON.stringify({ model: 'acme', stream: true, messages: [{ role: 'user', content: 'hello' }], max_tokens: 5 });

describe('streams are cut: idle, total, revoked or suspended grants', () => {
  let up: MaliciousUpstream;
  let gw: TestGateway;
  before(async () => {
    up = await startMaliciousUpstream();
    gw = await startTestGateway({
      models: { acme: { upstream: `openai:m@${up.url}` } },
      yaml: 'streamIdleTimeoutMs: 300\nstreamTotalTimeoutMs: 1500\nrevocationWindowMs: 200',
    });
  });
  after(async () => {
    await gw.close();
    await up.close();
  });

  const stream = async (key: string) => {
    const t0 = Date.now();
    const r = await fetch(`${gw.origin}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: streamAsk });
    assert.equal(r.status, 200);
    const id = r.headers.get('x-crosscheck-request-id')!;
    return { id, text: r.text().then((text) => ({ text, ms: Date.now() - t0 })) };
  };
  const responseLeaf = (id: string) => gw.audit.entries.filter((e) => e.kind === 'response' && e.requestId === id);

  it('a stream silent after its first chunk ends after the idle timeout, with an error event and the reason in its leaf', { timeout: 20000 }, async () => {
    const { key, grant } = await gw.grant();
    up.script({ kind: 'stall-after-first' });
    const s = await stream(key);
    const { text } = await s.text;
    // The reason in the leaf says which limit cut it (the total one would say stream_total_timeout):
    // no wall-clock bound, which a loaded machine can overrun.
    assert.ok(text.indexOf('Hello') < text.indexOf('upstream_idle_timeout'), text);
    assert.match(text, /: x-crosscheck-receipt \d+:/);
    assert.equal(responseLeaf(s.id).length, 1);
    assert.equal(responseLeaf(s.id)[0].detail?.endedBy, 'upstream_idle_timeout');
    assert.equal((await gw.store.getGrant(grant.id))!.usage.requests, 1);
  });

  it('a stream that never ends is cut at the total timeout', { timeout: 20000 }, async () => {
    const { key } = await gw.grant();
    up.script({ kind: 'endless-sse', everyMs: 50 });
    const s = await stream(key);
    const { text, ms } = await s.text;
    assert.ok(ms >= 1400, `ended after ${ms} ms, before the total limit`);
    assert.match(text, /stream_total_timeout/);
    assert.equal(responseLeaf(s.id)[0].detail?.endedBy, 'stream_total_timeout');
  });

  it('revoked through the admin API: its open stream ends at once with grant_revoked', { timeout: 20000 }, async () => {
    const { key, grant } = await gw.grant();
    up.script({ kind: 'endless-sse', everyMs: 20 });
    const s = await stream(key);
    await new Promise((r) => setTimeout(r, 100));
    const revoked = await fetch(`${gw.origin}/admin/grants/${grant.id}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` }, body: JSON.stringify({ reason: 'terms breach' }) });
    assert.equal(revoked.status, 200);
    const { text } = await s.text;
    assert.match(text, /grant_revoked/, 'ended by the revocation, before any time limit');
    assert.equal(responseLeaf(s.id)[0].detail?.endedBy, 'grant_revoked');
    assert.equal(gw.gateway.context.streams.size, 0);
  });

  it('suspended by another process (a second connection to the store): ended within the revocation window', { timeout: 20000 }, async () => {
    const { key, grant } = await gw.grant();
    up.script({ kind: 'endless-sse', everyMs: 20 });
    const s = await stream(key);
    await new Promise((r) => setTimeout(r, 100));
    const other = new SqliteGatewayStore((gw.config.store as { sqlite: string }).sqlite);
    await other.setStatus(grant.id, 'suspended', 'elsewhere', new Date().toISOString());
    await other.close();
    const { text } = await s.text;
    assert.match(text, /grant_suspended/, 'ended by the suspension seen within the revocation window, before any time limit');
    assert.equal(responseLeaf(s.id)[0].detail?.endedBy, 'grant_suspended');
  });
});
