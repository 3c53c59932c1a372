import { test } from 'node:test';
import { fakeClock } from './testing/fake-clock.js';
import assert from 'node:assert/strict';
import { ProviderError, type ProviderErrorKind } from '../core/errors.js';
import type { GenerateRequest, Generation } from '../core/generation.js';
import { parseModelRef } from '../core/model-ref.js';
import type { Provider } from '../models/provider.js';
import { createScriptedProvider } from '../models/scripted/index.js';
import { MemoryResponseCache } from './response-cache.js';
import { Scheduler, type RetryInfo, type SchedulerLimits } from './scheduler.js';


function fakeGeneration(text: string, usage = { inputTokens: 1, outputTokens: 1 }): Generation {
  return { text, refusal: null, stopReason: 'stop', usage, latencyMs: 0, returnedModel: 'fake-model', request: {} };
}

/** A fake provider whose behaviour per call is given by `answer` (call number from 1). */
function fakeProvider(answer: (call: number, req: GenerateRequest) => Promise<Generation>, baseUrl?: string) {
  const provider = {
    ref: { provider: 'fake', model: 'm', baseUrl, raw: 'fake:m' },
    calls: 0,
    closed: 0,
    requests: [] as GenerateRequest[],
    generate(req: GenerateRequest) {
      provider.calls++;
      provider.requests.push(req);
      return answer(provider.calls, req);
    },
    async close() {
      provider.closed++;
    },
  };
  return provider;
}

const limits = (over: Partial<SchedulerLimits> = {}): SchedulerLimits => ({ concurrency: 4, timeoutMs: 5_000, maxRetries: 3, ...over });
const req = (content = 'hello', maxTokens?: number) => ({ messages: [{ role: 'user' as const, content }], params: { maxTokens } });
const noCache = { useCache: false, epoch: 1 };
const fail = (kind: ProviderErrorKind, retryAfterMs?: number) => new ProviderError(`fake ${kind}`, { kind, retryAfterMs });

test('in-flight calls never exceed the concurrency limit, and reach it', async () => {
  let inFlight = 0;
  let maxInFlight = 0;
  const provider = fakeProvider(async (n) => {
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    await new Promise((r) => setTimeout(r, n % 3));
    inFlight--;
    return fakeGeneration(`answer ${n}`);
  });
  const scheduler = new Scheduler();
  scheduler.add('fake', provider, limits({ concurrency: 5 }));
  const results = await Promise.all(Array.from({ length: 60 }, () => scheduler.generate('fake', req(), noCache)));
  assert.equal(results.length, 60);
  assert.equal(maxInFlight, 5);
  const stats = scheduler.stats('fake');
  assert.equal(stats.calls, 60);
  assert.equal(stats.inFlight, 0);
  assert.equal(stats.queued, 0);
});

test('waiting calls start in the order they were made', async () => {
  const started: string[] = [];
  const provider = fakeProvider(async (_n, r) => {
    started.push(r.messages[0].content);
    await new Promise((resolve) => setImmediate(resolve));
    return fakeGeneration('ok');
  });
  const scheduler = new Scheduler();
  scheduler.add('fake', provider, limits({ concurrency: 1 }));
  const names = ['a', 'b', 'c', 'd', 'e', 'f'];
  await Promise.all(names.map((n) => scheduler.generate('fake', req(n), noCache)));
  assert.deepEqual(started, names);
});

test('separate keys have separate limits', async () => {
  const gate: (() => void)[] = [];
  const hang = fakeProvider(() => new Promise((resolve) => gate.push(() => resolve(fakeGeneration('late')))));
  const quick = fakeProvider(async () => fakeGeneration('quick'));
  const scheduler = new Scheduler();
  scheduler.add('slow', hang, limits({ concurrency: 1 }));
  scheduler.add('fast', quick, limits({ concurrency: 1 }));
  const slow = scheduler.generate('slow', req(), noCache);
  assert.equal((await scheduler.generate('fast', req(), noCache)).text, 'quick');
  await new Promise((resolve) => setImmediate(resolve));
  gate.forEach((release) => release());
  assert.equal((await slow).text, 'late');
});

test('rpm spaces calls out after the initial burst', async () => {
  const clock = fakeClock();
  const startedAt: number[] = [];
  const provider = fakeProvider(async () => {
    startedAt.push(clock.now());
    return fakeGeneration('ok');
  });
  const scheduler = new Scheduler({ clock });
  scheduler.add('fake', provider, limits({ rpm: 3 })); // burst of 3, then one per 20 s
  await Promise.all(Array.from({ length: 6 }, () => scheduler.generate('fake', req(), noCache)));
  assert.deepEqual(startedAt, [0, 0, 0, 20_000, 40_000, 60_000]);
});

test('tpm refunds a reservation the call did not use', async () => {
  const clock = fakeClock();
  // 40-character prompt = 10 tokens, + maxTokens 390 = 400 reserved; 10 really used.
  const provider = fakeProvider(async () => fakeGeneration('ok', { inputTokens: 10, outputTokens: 0 }));
  const scheduler = new Scheduler({ clock });
  scheduler.add('fake', provider, limits({ tpm: 1200 }));
  for (let i = 0; i < 10; i++) await scheduler.generate('fake', req('x'.repeat(40), 390), noCache);
  // Without refunds the 4th call would have had to wait for the bucket to refill.
  assert.deepEqual(clock.sleeps, []);
  assert.equal(provider.calls, 10);
  assert.equal(scheduler.stats('fake').inputTokens, 100);
});

test('tpm charges usage above the reservation as debt that later calls wait out', async () => {
  const clock = fakeClock();
  const startedAt: number[] = [];
  const provider = fakeProvider(async () => {
    startedAt.push(clock.now());
    return fakeGeneration('long', { inputTokens: 10, outputTokens: 2390 });
  });
  const scheduler = new Scheduler({ clock });
  scheduler.add('fake', provider, limits({ tpm: 1200 }));
  await scheduler.generate('fake', req('x'.repeat(40), 390), noCache);
  await scheduler.generate('fake', req('x'.repeat(40), 390), noCache);
  // After the first call: 1200 - 2400 = -1200; the next needs 400, so 1600 tokens at 20/s = 80 s.
  assert.deepEqual(startedAt, [0, 80_000]);
});

test('a rate_limit retry waits at least retryAfterMs', async () => {
  const clock = fakeClock();
  const retries: RetryInfo[] = [];
  const provider = fakeProvider(async (n) => {
    if (n === 1) throw fail('rate_limit', 7_000);
    return fakeGeneration('ok');
  });
  const scheduler = new Scheduler({ clock, random: () => 0, events: { onRetry: (i) => retries.push(i) } });
  scheduler.add('fake', provider, limits());
  assert.equal((await scheduler.generate('fake', req(), noCache)).text, 'ok');
  assert.deepEqual(clock.sleeps, [7_000]);
  assert.equal(retries.length, 1);
  assert.equal(retries[0].model, 'fake');
  assert.equal(retries[0].attempt, 1);
  assert.equal(retries[0].delayMs, 7_000);
  assert.equal(retries[0].error.kind, 'rate_limit');
  assert.equal(scheduler.stats('fake').retries, 1);
});

test('backoff delays grow exponentially between retries', async () => {
  const clock = fakeClock();
  const provider = fakeProvider(async (n) => {
    if (n <= 3) throw fail('server');
    return fakeGeneration('ok');
  });
  const scheduler = new Scheduler({ clock, random: () => 0.5, backoff: { baseMs: 100, capMs: 10_000 } });
  scheduler.add('fake', provider, limits());
  await scheduler.generate('fake', req(), noCache);
  assert.deepEqual(clock.sleeps, [50, 100, 200]);
});

for (const kind of ['server', 'timeout', 'connection', 'bad_response'] as const) {
  test(`a ${kind} error is retried`, async () => {
    const provider = fakeProvider(async (n) => {
      if (n === 1) throw fail(kind);
      return fakeGeneration('second time lucky');
    });
    const scheduler = new Scheduler({ clock: fakeClock() });
    scheduler.add('fake', provider, limits());
    assert.equal((await scheduler.generate('fake', req(), noCache)).text, 'second time lucky');
    assert.equal(provider.calls, 2);
    assert.equal(scheduler.stats('fake').retries, 1);
    assert.equal(scheduler.stats('fake').errors, 0);
  });
}

for (const error of [fail('auth'), fail('client'), new TypeError('a bug in a provider')]) {
  test(`${error.message} is thrown at once without a retry`, async () => {
    const clock = fakeClock();
    const provider = fakeProvider(async () => {
      throw error;
    });
    const scheduler = new Scheduler({ clock });
    scheduler.add('fake', provider, limits());
    await assert.rejects(scheduler.generate('fake', req(), noCache), (err) => err === error);
    assert.equal(provider.calls, 1);
    assert.deepEqual(clock.sleeps, []);
    assert.equal(scheduler.stats('fake').errors, 1);
    assert.equal(scheduler.stats('fake').retries, 0);
  });
}

test('a provider that throws synchronously is handled like a rejection', async () => {
  const bug = new Error('sync bug');
  const provider = { ref: parseModelRef('fake:m'), generate: (): Promise<Generation> => { throw bug; } };
  const scheduler = new Scheduler();
  scheduler.add('fake', provider, limits());
  await assert.rejects(scheduler.generate('fake', req(), noCache), (err) => err === bug);
  assert.equal(scheduler.stats('fake').inFlight, 0);
});

test('after maxRetries the last error is thrown', async () => {
  const provider = fakeProvider(async (n) => {
    throw new ProviderError(`attempt ${n} failed`, { kind: 'server', status: 503 });
  });
  const scheduler = new Scheduler({ clock: fakeClock() });
  scheduler.add('fake', provider, limits({ maxRetries: 2 }));
  await assert.rejects(scheduler.generate('fake', req(), noCache), /attempt 3 failed/);
  assert.equal(provider.calls, 3);
  const stats = scheduler.stats('fake');
  assert.equal(stats.retries, 2);
  assert.equal(stats.errors, 1);
  assert.equal(stats.calls, 3);
});

test('a hung provider is aborted and rejected as a timeout', async () => {
  let signal: AbortSignal | undefined;
  const provider = fakeProvider((_n, r) => {
    signal = r.signal;
    return new Promise<Generation>(() => {}); // never settles, ignores the signal
  });
  const scheduler = new Scheduler();
  scheduler.add('fake', provider, limits({ timeoutMs: 30, maxRetries: 0 }));
  await assert.rejects(scheduler.generate('fake', req(), noCache), (err) => err instanceof ProviderError && err.kind === 'timeout');
  assert.equal(signal?.aborted, true);
  assert.equal(scheduler.stats('fake').inFlight, 0);
});

test('the timeout error wins over the error a provider throws on abort, and is retried', async () => {
  const provider = fakeProvider((n, r) => {
    if (n > 1) return Promise.resolve(fakeGeneration('ok'));
    return new Promise<Generation>((_, reject) => r.signal!.addEventListener('abort', () => reject(fail('connection'))));
  });
  const retries: RetryInfo[] = [];
  const scheduler = new Scheduler({ clock: fakeClock(), events: { onRetry: (i) => retries.push(i) } });
  scheduler.add('fake', provider, limits({ timeoutMs: 20 }));
  assert.equal((await scheduler.generate('fake', req(), noCache)).text, 'ok');
  assert.equal(retries[0].error.kind, 'timeout');
});

test('finished calls leave no timers behind', async () => {
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const before = timers();
  const provider = fakeProvider(async () => fakeGeneration('ok'));
  const scheduler = new Scheduler();
  scheduler.add('fake', provider, limits({ concurrency: 16, timeoutMs: 600_000, rpm: 1_000_000, tpm: 1e9 }));
  await Promise.all(Array.from({ length: 500 }, () => scheduler.generate('fake', req(), noCache)));
  assert.equal(timers(), before);
});

test('a cache hit skips the provider and is marked cached', async () => {
  const cache = new MemoryResponseCache();
  const provider = fakeProvider(async (n) => fakeGeneration(`answer ${n}`));
  const scheduler = new Scheduler({ cache });
  scheduler.add('fake', provider, limits());
  const first = await scheduler.generate('fake', req(), { useCache: true, epoch: 1 });
  const second = await scheduler.generate('fake', req(), { useCache: true, epoch: 1 });
  assert.equal(first.cached, undefined);
  assert.equal(second.cached, true);
  assert.equal(second.text, 'answer 1');
  assert.equal(provider.calls, 1);
  assert.equal(scheduler.stats('fake').cacheHits, 1);
  assert.equal(cache.size, 1);
});

test('the cache is bypassed when useCache is false and distinguishes epochs', async () => {
  const cache = new MemoryResponseCache();
  const provider = fakeProvider(async (n) => fakeGeneration(`answer ${n}`));
  const scheduler = new Scheduler({ cache });
  scheduler.add('fake', provider, limits());
  await scheduler.generate('fake', req(), { useCache: true, epoch: 1 });
  assert.equal((await scheduler.generate('fake', req(), { useCache: false, epoch: 1 })).text, 'answer 2');
  assert.equal((await scheduler.generate('fake', req(), { useCache: true, epoch: 2 })).text, 'answer 3');
  assert.equal(provider.calls, 3);
  assert.equal(scheduler.stats('fake').cacheHits, 0);
});

test('failures are not cached', async () => {
  const cache = new MemoryResponseCache();
  const provider = fakeProvider(async (n) => {
    if (n === 1) throw fail('client');
    return fakeGeneration('ok');
  });
  const scheduler = new Scheduler({ cache });
  scheduler.add('fake', provider, limits());
  await assert.rejects(scheduler.generate('fake', req(), { useCache: true, epoch: 1 }));
  assert.equal(cache.size, 0);
  assert.equal((await scheduler.generate('fake', req(), { useCache: true, epoch: 1 })).text, 'ok');
});

test('the cache key includes the provider base URL', async () => {
  const cache = new MemoryResponseCache();
  const a = fakeProvider(async () => fakeGeneration('from a'), 'http://127.0.0.1:1/v1');
  const b = fakeProvider(async () => fakeGeneration('from b'), 'http://127.0.0.1:2/v1');
  const scheduler = new Scheduler({ cache });
  scheduler.add('a', a, limits());
  scheduler.add('b', b, limits());
  await scheduler.generate('a', req(), { useCache: true, epoch: 1 });
  assert.equal((await scheduler.generate('b', req(), { useCache: true, epoch: 1 })).text, 'from b');
});

test('works end to end with the scripted echo provider', async () => {
  const provider: Provider = await createScriptedProvider(parseModelRef('scripted:echo'), {});
  const scheduler = new Scheduler();
  scheduler.add('scripted:echo', provider, limits({ rpm: 600, tpm: 100_000 }));
  const gen = await scheduler.generate('scripted:echo', req('repeat after me'), noCache);
  assert.equal(gen.text, 'repeat after me');
  assert.equal(scheduler.stats('scripted:echo').outputTokens, gen.usage.outputTokens);
});

test('close closes each provider once, even when registered under two keys', async () => {
  const provider = fakeProvider(async () => fakeGeneration('ok'));
  const scheduler = new Scheduler();
  scheduler.add('target', provider, limits());
  scheduler.add('judge', provider, limits());
  await scheduler.close();
  assert.equal(provider.closed, 1);
});

test('bad limits and unknown keys are rejected', async () => {
  const scheduler = new Scheduler();
  const provider = fakeProvider(async () => fakeGeneration('ok'));
  assert.throws(() => scheduler.add('fake', provider, limits({ concurrency: 0 })), /concurrency/);
  assert.throws(() => scheduler.add('fake', provider, limits({ rpm: -1 })), /rpm/);
  scheduler.add('fake', provider, limits());
  assert.throws(() => scheduler.add('fake', provider, limits()), /already registered/);
  await assert.rejects(scheduler.generate('nope', req(), noCache), /no provider registered as "nope"/);
});
