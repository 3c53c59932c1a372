import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryQuotaStore } from './memory-quota-store.js';

describe('MemoryQuotaStore', () => {
  const base = { grantId: 'g', settledTotal: 0, nowMs: 0 };

  it('rpm is a bucket: full at first, empty after rpm requests, refilled at rpm/60 per second', async () => {
    const q = new MemoryQuotaStore();
    const limits = { rpm: 3 };
    for (let i = 0; i < 3; i++) assert.ok((await q.reserve({ ...base, limits, tokens: 1 })).ok);
    const over = await q.reserve({ ...base, limits, tokens: 1 });
    assert.ok(!over.ok && over.limit === 'rpm');
    assert.equal(!over.ok && over.retryAfterMs, 20_000);
    assert.ok(!(await q.reserve({ ...base, limits, tokens: 1, nowMs: 19_999 })).ok);
    assert.ok((await q.reserve({ ...base, limits, tokens: 1, nowMs: 20_000 })).ok);
  });

  it('tpm: settle refunds what was held but unused, and charges overruns', async () => {
    const q = new MemoryQuotaStore();
    const limits = { tpm: 1000 };
    const a = await q.reserve({ ...base, limits, tokens: 900 });
    assert.ok(a.ok);
    assert.ok(!(await q.reserve({ ...base, limits, tokens: 200 })).ok, 'held tokens count');
    await q.settle(a.reservation, 100, 0);
    const b = await q.reserve({ ...base, limits, tokens: 800 });
    assert.ok(b.ok, 'the unused 800 came back');
    await q.settle(b.reservation, 1500, 0); // used far more than held: bucket in debt
    const c = await q.reserve({ ...base, limits, tokens: 1 });
    assert.ok(!c.ok && c.limit === 'tpm' && c.retryAfterMs > 60_000 * 0.5);
  });

  it('a call larger than the whole tpm capacity runs once the bucket is full', async () => {
    const q = new MemoryQuotaStore();
    const r = await q.reserve({ ...base, limits: { tpm: 100 }, tokens: 5000 });
    assert.ok(r.ok);
  });

  it('total tokens count settled usage plus holds in flight', async () => {
    const q = new MemoryQuotaStore();
    const limits = { maxTokensTotal: 1000 };
    const a = await q.reserve({ ...base, limits, tokens: 600, settledTotal: 0 });
    assert.ok(a.ok);
    const held = await q.reserve({ ...base, limits, tokens: 600, settledTotal: 0 });
    assert.ok(!held.ok && held.limit === 'total_tokens' && held.retryAfterMs === 1000, 'waiting for the hold can help');
    await q.settle(a.reservation, 50, 0);
    assert.ok((await q.reserve({ ...base, limits, tokens: 600, settledTotal: 50 })).ok);
    const spent = await q.reserve({ ...base, limits, tokens: 600, settledTotal: 950 });
    assert.ok(!spent.ok && spent.retryAfterMs > 1000, 'exhausted for good');
  });

  it('concurrency: slots are taken and returned; settle is idempotent', async () => {
    const q = new MemoryQuotaStore();
    const limits = { maxConcurrent: 2 };
    const a = await q.reserve({ ...base, limits, tokens: 10 });
    const b = await q.reserve({ ...base, limits, tokens: 10 });
    assert.ok(a.ok && b.ok);
    const c = await q.reserve({ ...base, limits, tokens: 10 });
    assert.ok(!c.ok && c.limit === 'concurrency');
    await q.settle(a.reservation, 5, 0);
    await q.settle(a.reservation, 5, 0);
    assert.deepEqual(q.snapshot('g'), { heldTokens: 10, inFlight: 1 });
  });

  it('a refused reservation takes nothing', async () => {
    const q = new MemoryQuotaStore();
    const limits = { rpm: 10, tpm: 100 };
    assert.ok((await q.reserve({ ...base, limits, tokens: 101 })).ok, 'larger than capacity, let through on a full bucket');
    const refused = await q.reserve({ ...base, limits, tokens: 50 });
    assert.ok(!refused.ok && refused.limit === 'tpm');
    assert.deepEqual(q.snapshot('g'), { heldTokens: 101, inFlight: 1 });
  });
});
