import OpenAI from 'openai';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startFakeOpenAIServer } from '../../models/testing/fake-openai-server.js';
import { startTestGateway } from '../testing/test-gateway.js';

test('an upstream that never answers: the grantee gets a 504 upstream_timeout near the limit, the call is audited and settled', async () => {
  const silent = await startFakeOpenAIServer();
  silent.enqueue({ kind: 'hang' }); // reads the request and never replies
  const gw = await startTestGateway({ yaml: 'upstreamTimeoutMs: 300', models: { 'acme-large': { upstream: `openai:gpt-up@${silent.url}` } } });
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
    assert.equal(silent.requests.length, 1, 'the request did reach the upstream');
    assert.ok(took >= 290 && took < 2_000, `answered after ${took} ms`);
    const response = gw.audit.entries.find((e) => e.kind === 'response');
    assert.equal(response?.detail?.code, 'upstream_timeout');
    const usage = (await gw.store.getGrant(grant.id))!.usage;
    assert.equal(usage.requests, 1, 'the call was settled');
  } finally {
    await gw.close();
    await silent.close();
  }
});
