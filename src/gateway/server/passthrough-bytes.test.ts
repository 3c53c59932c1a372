import OpenAI from 'openai';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { startFakeOpenAIServer } from '../../models/testing/fake-openai-server.js';
import { startTestGateway } from '../testing/test-gateway.js';

const TEXT = 'naïve — 日本語 😀 "quoted" \\ back\nslash';

test('non-ASCII text passes through byte for byte both ways, small and large bodies, and the stored bodies reproduce their hashes', async () => {
  const oa = await startFakeOpenAIServer({ text: (body: any) => `echo: ${body.messages[0].content}` });
  const gw = await startTestGateway({ models: { 'acme-large': { upstream: `openai:gpt-up@${oa.url}` } } });
  try {
    const { key } = await gw.grant();
    const client = new OpenAI({ apiKey: key, baseURL: `${gw.origin}/v1`, maxRetries: 0 });
    // A small body and one of about 100 kB (many socket reads and writes on the way).
    for (const prompt of [TEXT, TEXT.repeat(2500)]) {
      const before = gw.audit.entries.length;
      const r = await client.chat.completions.create({ model: 'acme-large', messages: [{ role: 'user', content: prompt }] });
      assert.equal(oa.requests.at(-1)!.body.messages[0].content, prompt, 'the upstream got the prompt intact');
      assert.equal(r.choices[0].message.content, `echo: ${prompt}`, 'the grantee got the answer intact');
      await new Promise((res) => setImmediate(res));
      for (const leaf of gw.audit.entries.slice(before)) {
        const stored = gw.bodies.bodies.find((b) => b.requestId === leaf.requestId && b.part === leaf.kind)!;
        assert.equal(createHash('sha256').update(Buffer.from(stored.salt, 'hex')).update(stored.body).digest('hex'), leaf.bodyHash);
      }
    }
  } finally {
    await gw.close();
    await oa.close();
  }
});
