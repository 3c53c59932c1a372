import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openAIError, startFakeOpenAIServer } from './fake-openai-server.js';

// The fake is used by other tests (and end-to-end CLI tests): check its default behaviour directly.
describe('fake OpenAI server', () => {
  const post = (url: string, body: unknown) =>
    fetch(`${url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('answers chat completions with configurable text, records requests, then scripted replies', async () => {
    const fake = await startFakeOpenAIServer({ text: (body) => `echo: ${body.messages.at(-1).content}` });
    try {
      const res = await post(fake.url, { model: 'm1', messages: [{ role: 'user', content: 'ping' }] });
      const json = (await res.json()) as any;
      assert.equal(json.choices[0].message.content, 'echo: ping');
      assert.equal(json.model, 'm1');
      assert.equal(fake.requests[0].body.model, 'm1');

      fake.enqueue(openAIError(503, 'down'));
      const again = { model: 'm1', messages: [{ role: 'user', content: 'again' }] };
      assert.equal((await post(fake.url, again)).status, 503);
      assert.equal((await post(fake.url, again)).status, 200, 'back to the default');
    } finally {
      await fake.close();
    }
  });

  it('streams when asked, ending with [DONE]', async () => {
    const fake = await startFakeOpenAIServer({ text: 'abcd' });
    try {
      const text = await (await post(fake.url, { model: 'm', messages: [], stream: true })).text();
      assert.match(text, /"content":"ab"/);
      assert.match(text, /"content":"cd"/);
      assert.match(text, /data: \[DONE\]\n\n$/);
    } finally {
      await fake.close();
    }
  });

  it('close() does not wait for a hanging request', async () => {
    const fake = await startFakeOpenAIServer({ replies: [{ kind: 'hang' }] });
    const pending = post(fake.url, { model: 'm', messages: [] }).catch((e: Error) => e);
    while (fake.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await fake.close();
    assert.ok((await pending) instanceof Error);
  });
});
