import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type MaliciousUpstream, startMaliciousUpstream } from '../testing/malicious-upstream.js';
import { type TestGateway, startTestGateway } from '../testing/test-gateway.js';

const ask = JSON.stringify({ model: 'acme', messages: [{ role: 'user', content: 'hello' }], max_tokens: 5 });
const CAP = 256 * 1024;

describe('upstream bodies are capped (upstreamMaxBodyBytes): 502 past the cap, never stored', () => {
  let up: MaliciousUpstream;
  let gw: TestGateway;
  before(async () => {
    up = await startMaliciousUpstream();
    gw = await startTestGateway({ models: { acme: { upstream: `openai:m@${up.url}` } }, yaml: `upstreamMaxBodyBytes: ${CAP}` });
  });
  after(async () => {
    await gw.close();
    await up.close();
  });

  const call = (key: string, body = ask) => fetch(`${gw.origin}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body });
  const storedBytes = () => gw.bodies.bodies.reduce((n, b) => n + b.body.length, 0);

  for (const [what, behaviour] of [
    ['an endless chunked body', { kind: 'endless-chunked' as const }],
    ['a declared 50 MB body', { kind: 'huge' as const, bytes: 50 * 1024 * 1024 }],
  ] as const) {
    it(`${what}: 502 upstream_too_large, nothing of it stored, the upstream connection dropped`, { timeout: 30000 }, async () => {
      const { key, grant } = await gw.grant();
      up.script(behaviour);
      const stored = storedBytes();
      const r = await call(key);
      assert.equal(r.status, 502);
      assert.equal(((await r.json()) as any).error.code, 'upstream_too_large');
      assert.ok(storedBytes() - stored < 4096, `stored ${storedBytes() - stored} bytes`);
      assert.ok(up.bytesSent < 64 * 1024 * 1024);
      assert.equal((await gw.store.getGrant(grant.id))!.usage.requests, 1);
    });
  }

  it('a stream past the cap is cut with an error event', { timeout: 30000 }, async () => {
    const { key } = await gw.grant();
    up.script({ kind: 'endless-sse', everyMs: 1 });
    const r = await call(key, JSON.stringify({ ...JSON.parse(ask), stream: true }));
    const text = await r.text();
    assert.ok(text.length < CAP + 64 * 1024, `${text.length} bytes passed on`);
    assert.match(text, /upstream_too_large/);
  });
});
