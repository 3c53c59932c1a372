import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ProviderError, UsageError } from '../../core/errors.js';
import type { ChatMessage } from '../../core/messages.js';
import { parseModelRef } from '../../core/model-ref.js';
import type { Provider } from '../provider.js';
import { createLlamaCppProvider } from './index.js';
import { acquireLlama, releaseLlama } from './shared-llama.js';
import { TINY_GGUF_NAME, writeTinyGguf } from './tiny-gguf.js';

const dir = mkdtempSync(join(tmpdir(), 'llamacpp-provider-'));
const modelPath = join(dir, 'tiny.gguf');
const question: ChatMessage[] = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'What is the capital of France?' },
];

describe('llamacpp provider on a tiny generated GGUF', () => {
  let provider: Provider;

  before(async () => {
    writeTinyGguf(modelPath, { seed: 7 });
    provider = await createLlamaCppProvider(parseModelRef(`llamacpp:${modelPath}`), { threads: 1 });
  });
  after(async () => {
    await provider?.close?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates with real token counts and records its conditions', async () => {
    const g = await provider.generate({ messages: question, params: { maxTokens: 64, temperature: 0 } });
    assert.ok(g.usage.outputTokens > 0 && g.usage.outputTokens <= 64, `${g.usage.outputTokens}`);
    assert.ok(g.usage.inputTokens > 10, `${g.usage.inputTokens}`);
    assert.ok(['stop', 'length'].includes(g.stopReason!), `${g.stopReason}`);
    assert.equal(g.stopReason === 'length', g.usage.outputTokens === 64);
    assert.equal(g.returnedModel, TINY_GGUF_NAME);
    assert.equal(g.refusal, null);
    assert.ok(g.latencyMs > 0);
    assert.deepEqual(
      { ...g.request, contextSize: undefined },
      { model: modelPath, maxTokens: 64, temperature: 0, threads: 1, contextSize: undefined, chatWrapper: 'ChatML' },
    );
    assert.equal(g.request.contextSize, 2048); // the model's training context, under our cap
  });

  it('stops at maxTokens and says so', async () => {
    const g = await provider.generate({ messages: question, params: { maxTokens: 5, temperature: 0 } });
    assert.equal(g.usage.outputTokens, 5);
    assert.equal(g.stopReason, 'length');
  });

  it('renders the prompt with the ChatML template from the model file', async () => {
    const llama = await acquireLlama();
    const model = await llama.loadModel({ modelPath });
    try {
      // node-llama-cpp's ChatML wrapper starts the prompt with BOS (<|endoftext|> in this vocabulary).
      const chatml =
        '<|endoftext|><|im_start|>system\nYou are terse.<|im_end|>\n' +
        '<|im_start|>user\nWhat is the capital of France?<|im_end|>\n<|im_start|>assistant\n';
      const expected = model.tokenize(chatml, true).length;
      const g = await provider.generate({ messages: question, params: { maxTokens: 1 } });
      assert.equal(g.usage.inputTokens, expected);

      const longer: ChatMessage[] = [
        ...question,
        { role: 'assistant', content: 'Paris.' },
        { role: 'user', content: 'And of Italy?' },
      ];
      const g2 = await provider.generate({ messages: longer, params: { maxTokens: 1 } });
      const replay = '<|im_start|>assistant\nParis.<|im_end|>\n<|im_start|>user\nAnd of Italy?<|im_end|>\n';
      assert.equal(g2.usage.inputTokens, expected + model.tokenize(replay, true).length);
    } finally {
      await model.dispose();
      await releaseLlama();
    }
  });

  it('is deterministic at temperature 0 and with a fixed seed', async () => {
    const greedy = { maxTokens: 32, temperature: 0 };
    const a = await provider.generate({ messages: question, params: greedy });
    const b = await provider.generate({ messages: question, params: greedy });
    assert.equal(a.text, b.text);
    assert.equal(a.usage.outputTokens, b.usage.outputTokens);

    const sampled = (seed: number) =>
      provider.generate({ messages: question, params: { maxTokens: 32, temperature: 1, topP: 0.95, seed } });
    const [s1, s1again, s2] = [await sampled(1), await sampled(1), await sampled(2)];
    assert.equal(s1.text, s1again.text);
    assert.notEqual(s1.text, s2.text);
    assert.equal(s1.request.seed, 1);
    assert.equal(s1.request.topP, 0.95);
  });

  it('serialises concurrent calls on the one context', async () => {
    const params = { maxTokens: 16, temperature: 0 };
    const alone = await provider.generate({ messages: question, params });
    const results = await Promise.all([0, 1, 2].map(() => provider.generate({ messages: question, params })));
    for (const r of results) assert.equal(r.text, alone.text);
  });

  it('stops at a caller stop string', async () => {
    const full = await provider.generate({ messages: question, params: { maxTokens: 48, temperature: 0 } });
    // A stop string from the middle of the greedy reply cuts it there (letters only, so it
    // never splits a multi-byte character the random model produced).
    const stop = /[A-Za-z]{3}/.exec(full.text.slice(5))?.[0];
    assert.ok(stop, `no three letters in ${JSON.stringify(full.text)}`);
    const cut = await provider.generate({ messages: question, params: { maxTokens: 48, temperature: 0, stop: [stop] } });
    assert.equal(cut.text, full.text.slice(0, full.text.indexOf(stop)));
    assert.equal(cut.stopReason, 'stop');
    assert.deepEqual(cut.request.stop, [stop]);
  });

  it('aborts on the signal and keeps working afterwards', async () => {
    const ctrl = new AbortController();
    const started = performance.now();
    setTimeout(() => ctrl.abort(new Error('request timeout')), 20);
    await assert.rejects(
      provider.generate({ messages: question, params: { maxTokens: 600, temperature: 0 }, signal: ctrl.signal }),
      (err: unknown) => err instanceof ProviderError && err.kind === 'timeout' && /aborted/.test(err.message),
    );
    const abortedAfter = performance.now() - started;

    const preAborted = AbortSignal.abort(new Error('gone'));
    await assert.rejects(provider.generate({ messages: question, params: {}, signal: preAborted }), ProviderError);

    const t = performance.now();
    const full = await provider.generate({ messages: question, params: { maxTokens: 600, temperature: 0 } });
    const fullTook = performance.now() - t;
    assert.ok(full.usage.outputTokens > 100);
    // Only meaningful when the full run takes clearly longer than the abort delay.
    if (full.usage.outputTokens === 600) assert.ok(abortedAfter < fullTook, `${abortedAfter} vs ${fullTook}`);
  });

  describe('errors', () => {
    it('names a missing file in a one-line UsageError', async () => {
      const missing = join(tmpdir(), 'no-such-dir-crosscheck', 'model.gguf');
      await assert.rejects(
        createLlamaCppProvider(parseModelRef(`llamacpp:${missing}`), {}),
        (err: unknown) => err instanceof UsageError && err.message.includes(missing) && !err.message.includes('\n'),
      );
    });

    it('turns a file that is not GGUF into a UsageError', async () => {
      const badDir = mkdtempSync(join(tmpdir(), 'llamacpp-bad-'));
      const bad = join(badDir, 'bad.gguf');
      writeFileSync(bad, 'not a model at all');
      try {
        await assert.rejects(
          createLlamaCppProvider(parseModelRef(`llamacpp:${bad}`), {}),
          (err: unknown) => err instanceof UsageError && err.message.includes(bad) && !err.message.includes('\n'),
        );
      } finally {
        rmSync(badDir, { recursive: true, force: true });
      }
    });

    it('refuses calls after close', async () => {
      const d = mkdtempSync(join(tmpdir(), 'llamacpp-close-'));
      const path = writeTinyGguf(join(d, 'm.gguf')).path;
      const p = await createLlamaCppProvider(parseModelRef(`llamacpp:${path}`), {});
      await p.close?.();
      await assert.rejects(p.generate({ messages: question, params: {} }), UsageError);
      rmSync(d, { recursive: true, force: true });
    });
  });
});
