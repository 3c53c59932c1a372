import OpenAI from 'openai';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
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

test('a forwarded header that is not printable ASCII is refused with 400 invalid_header and never sent upstream', async () => {
  const { startFakeAnthropicServer } = await import('../../models/testing/fake-anthropic-server.js');
  const an = await startFakeAnthropicServer({ text: 'hi' });
  const gw = await startTestGateway({ models: { 'acme-claude': { upstream: `anthropic:claude-up@${an.url}` } } });
  try {
    const { key } = await gw.grant();
    const ask = (beta: Buffer) =>
      new Promise<{ status: number; body: any }>((resolve, reject) => {
        // node:http sends header bytes as given (latin1), as a client other than fetch might.
        const body = JSON.stringify({ model: 'acme-claude', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] });
        const req = http.request(`${gw.origin}/v1/messages`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json', 'anthropic-beta': beta.toString('latin1') } }, (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
        });
        req.on('error', reject);
        req.end(body);
      });
    const bad = await ask(Buffer.from('tools-\xe9', 'latin1'));
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(bad.body), /anthropic-beta/);
    assert.equal(an.requests.length, 0);
    const good = await ask(Buffer.from('tools-2024-04-04'));
    assert.equal(good.status, 200);
    assert.equal(an.requests[0].headers['anthropic-beta'], 'tools-2024-04-04');
  } finally {
    await gw.close();
    await an.close();
  }
});
