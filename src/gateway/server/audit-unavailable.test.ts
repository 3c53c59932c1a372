import OpenAI from 'openai';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startFakeOpenAIServer } from '../../models/testing/fake-openai-server.js';
import { startTestGateway } from '../testing/test-gateway.js';

test('when the audit log cannot commit a call, the upstream answer is not passed on: 503 audit_unavailable, streamed or not, and usage is settled', async () => {
  const oa = await startFakeOpenAIServer({ text: 'an answer nobody may see' });
  const gw = await startTestGateway({ models: { 'acme-large': { upstream: `openai:gpt-up@${oa.url}` } } });
  try {
    const { grant, key } = await gw.grant();
    const client = new OpenAI({ apiKey: key, baseURL: `${gw.origin}/v1`, maxRetries: 0 });
    const ask = (stream: boolean) =>
      client.chat.completions.create({ model: 'acme-large', messages: [{ role: 'user', content: 'hello' }], stream } as any).then(
        () => assert.fail('expected a 503'),
        (e: any) => e,
      );
    const ok = await client.chat.completions.create({ model: 'acme-large', messages: [{ role: 'user', content: 'hello' }] });
    assert.equal(ok.choices[0].message.content, 'an answer nobody may see', 'the log works until it fails');

    gw.audit.failing = true;
    for (const stream of [false, true]) {
      const err = await ask(stream);
      assert.equal(err.status, 503, `stream=${stream}`);
      assert.equal(err.code, 'audit_unavailable');
      assert.ok(!JSON.stringify(err.error).includes('nobody may see'));
    }
    assert.equal(oa.requests.length, 3, 'the calls had gone out before the log failed to commit them');
    assert.ok(gw.logs.some((l) => l.includes('audit append failed')));
    assert.equal((await gw.store.getGrant(grant.id))!.usage.requests, 3, 'every call was settled');
  } finally {
    await gw.close();
    await oa.close();
  }
});
