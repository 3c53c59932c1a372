import OpenAI from 'openai';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { startTestGateway } from '../testing/test-gateway.js';

test('an upstream that never answers: the grantee gets a 504 upstream_timeout near the limit, the call is audited and settled', async () => {
  // TEST DOUBLE: a loopback server that reads requests and never replies.
  const held: http.ServerResponse[] = [];
  const silent = http.createServer((req, res) => {
    req.resume();
    held.push(res);
  });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v1`;
  const gw = await startTestGateway({ yaml: 'upstreamTimeoutMs: 300', models: { 'acme-large': { upstream: `openai:gpt-up@${url}` } } });
  try {
    const { grant, key } = await gw.grant();
    const client = new OpenAI({ apiKey: key, baseURL: `${gw.origin}/v1`, maxRetries: 0, timeout: 10_000 });
    const started = Date.now();
    const err: any = await client.chat.completions.create({ model: 'acme-large', messages: [{ role: 'user', content: 'hello' }] }).then(
      () => assert.fail('expected a timeout'),
      (e) => e,
    );
    const took = Date.now() - started;
    assert.equal(err.status, 504);
    assert.equal(err.code, 'upstream_timeout');
    assert.equal(held.length, 1, 'the request did reach the upstream');
    assert.ok(took >= 290 && took < 2_000, `answered after ${took} ms`);
    const response = gw.audit.entries.find((e) => e.kind === 'response');
    assert.equal(response?.detail?.code, 'upstream_timeout');
    const usage = (await gw.store.getGrant(grant.id))!.usage;
    assert.equal(usage.requests, 1, 'the call was settled');
  } finally {
    for (const res of held) res.destroy();
    await gw.close();
    silent.closeAllConnections();
    await new Promise((r) => silent.close(r));
  }
});
