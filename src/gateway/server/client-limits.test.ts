import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type MaliciousUpstream, startMaliciousUpstream } from '../testing/malicious-upstream.js';
import { type RawConnection, rawConnect, rawPost } from '../testing/raw-client.js';
import { type TestGateway, startTestGateway } from '../testing/test-gateway.js';

describe('clients are bounded: connections per address and in total, slow heads and bodies', () => {
  let up: MaliciousUpstream;
  let gw: TestGateway;
  const open: RawConnection[] = [];
  before(async () => {
    up = await startMaliciousUpstream({ kind: 'usage', promptTokens: 1, completionTokens: 1 });
    gw = await startTestGateway({
      models: { acme: { upstream: `openai:m@${up.url}` } },
      yaml: 'maxConnectionsPerClient: 4\nmaxConnections: 6\nheadersTimeoutMs: 400\nrequestTimeoutMs: 3000',
    });
  });
  after(async () => {
    for (const c of open) c.destroy();
    await gw.close();
    await up.close();
  });
  const connect = async (from?: string) => {
    const c = await rawConnect(gw.origin, typeof from === 'string' ? from : undefined);
    open.push(c);
    return c;
  };

  it('past maxConnectionsPerClient, new connections from that address are closed at once; freed slots are reusable', { timeout: 30000 }, async () => {
    const held = await Promise.all(Array.from({ length: 4 }, connect));
    const extra = await connect();
    assert.equal(await extra.closedWithin(1000), true, 'the fifth connection is refused');
    for (const c of held) assert.equal(await c.closedWithin(50), false, 'the first four stay open');
    held[0].destroy();
    await new Promise((r) => setTimeout(r, 50));
    const again = await connect();
    assert.equal(await again.closedWithin(200), false, 'a freed slot can be used again');
    for (const c of [...held, again]) c.destroy();
    await new Promise((r) => setTimeout(r, 50));
  });

  it('past maxConnections in total, whoever connects next is refused', { timeout: 30000 }, async () => {
    const held = [...(await Promise.all(Array.from({ length: 4 }, () => connect('127.0.0.1')))), ...(await Promise.all([connect('127.0.0.2'), connect('127.0.0.2')]))];
    const third = await connect('127.0.0.3');
    assert.equal(await third.closedWithin(1000), true, 'the seventh connection is refused');
    for (const c of held) assert.equal(await c.closedWithin(20), false);
    for (const c of held) c.destroy();
    await new Promise((r) => setTimeout(r, 50));
  });

  it('a request head that never completes is cut by headersTimeout', { timeout: 30000 }, async () => {
    const c = await connect();
    await c.write('POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\n');
    assert.equal(await c.closedWithin(3000), true);
    c.destroy();
  });

  it('a 1 MB body in 200-byte writes is read whole and answered (the body read is linear; bench:gateway times it)', { timeout: 30000 }, async () => {
    const { key } = await gw.grant();
    const body = JSON.stringify({ model: 'acme', max_tokens: 5, messages: [{ role: 'user', content: 'y'.repeat(1024 * 1024 - 200) }] });
    const bytes = rawPost('/v1/chat/completions', body, { authorization: `Bearer ${key}`, connection: 'close' });
    const c = await connect();
    const started = Date.now();
    for (let at = 0; at < bytes.length; at += 200 * 50) {
      // 50 writes of 200 bytes each per turn: the packets arrive small.
      for (let k = 0; k < 50 && at + k * 200 < bytes.length; k++) c.socket.write(bytes.subarray(at + k * 200, at + (k + 1) * 200));
      await new Promise((r) => setImmediate(r));
    }
    const text = await c.waitFor(/\r\n\r\n[\s\S]*\}$/, 10_000);
    assert.match(text, /^HTTP\/1\.1 200/, `${text.slice(0, 200)} after ${Date.now() - started} ms`);
    c.destroy();
  });
});
