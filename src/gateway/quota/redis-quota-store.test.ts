import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { ConfigError } from '../../core/errors.js';
import { redisUnavailable, startThrowawayRedis, type ThrowawayRedis } from '../testing/throwaway-redis.js';
import { RedisQuotaStore } from './redis-quota-store.js';
import { needsService } from '../testing/needs-service.js';

const skip = redisUnavailable();
const { after, before, describe, it } = needsService(skip);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let grantCounter = 0;
/** A fresh grant id per test, so tests sharing the server do not see each other's state. */
const freshGrant = () => `g${++grantCounter}-${process.pid}`;

describe('RedisQuotaStore', () => {
  let server: ThrowawayRedis | undefined;
  const stores: RedisQuotaStore[] = [];
  const open = async (opts: Parameters<typeof RedisQuotaStore.connect>[1] = {}) => {
    const s = await RedisQuotaStore.connect(server!.url, opts);
    stores.push(s);
    return s;
  };

  before(async () => {
    server = await startThrowawayRedis();
  });
  after(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await server?.stop();
  });

  describe('the same semantics as the in-memory store (caller clock)', () => {
    let q: RedisQuotaStore;
    before(async () => {
      q = await open({ clock: 'caller' });
    });
    const base = () => ({ grantId: freshGrant(), settledTotal: 0, nowMs: 0 });

    it('rpm is a bucket: full at first, empty after rpm requests, refilled at rpm/60 per second', async () => {
      const b = base();
      const limits = { rpm: 3 };
      for (let i = 0; i < 3; i++) assert.ok((await q.reserve({ ...b, limits, tokens: 1 })).ok);
      const over = await q.reserve({ ...b, limits, tokens: 1 });
      assert.ok(!over.ok && over.limit === 'rpm');
      assert.equal(!over.ok && over.retryAfterMs, 20_000);
      assert.ok(!(await q.reserve({ ...b, limits, tokens: 1, nowMs: 19_000 })).ok);
      assert.ok((await q.reserve({ ...b, limits, tokens: 1, nowMs: 20_000 })).ok);
    });

    it('tpm: settle refunds what was held but unused, and charges overruns', async () => {
      const b = base();
      const limits = { tpm: 1000 };
      const r1 = await q.reserve({ ...b, limits, tokens: 900 });
      assert.ok(r1.ok);
      assert.ok(!(await q.reserve({ ...b, limits, tokens: 200 })).ok, 'held tokens count');
      await q.settle(r1.reservation, 100, 0);
      const r2 = await q.reserve({ ...b, limits, tokens: 800 });
      assert.ok(r2.ok, 'the unused 800 came back');
      await q.settle(r2.reservation, 1500, 0); // used far more than held: bucket in debt
      const r3 = await q.reserve({ ...b, limits, tokens: 1 });
      assert.ok(!r3.ok && r3.limit === 'tpm' && r3.retryAfterMs > 60_000 * 0.5, JSON.stringify(r3));
    });

    it('a call larger than the whole tpm capacity runs once the bucket is full', async () => {
      assert.ok((await q.reserve({ ...base(), limits: { tpm: 100 }, tokens: 5000 })).ok);
    });

    it('total tokens count settled usage plus holds in flight', async () => {
      const b = base();
      const limits = { maxTokensTotal: 1000 };
      const r1 = await q.reserve({ ...b, limits, tokens: 600 });
      assert.ok(r1.ok);
      const held = await q.reserve({ ...b, limits, tokens: 600 });
      assert.ok(!held.ok && held.limit === 'total_tokens' && held.retryAfterMs === 1000, 'waiting for the hold can help');
      await q.settle(r1.reservation, 50, 0);
      assert.ok((await q.reserve({ ...b, limits, tokens: 600, settledTotal: 50 })).ok);
      const spent = await q.reserve({ ...b, limits, tokens: 600, settledTotal: 950 });
      assert.ok(!spent.ok && spent.retryAfterMs > 1000, 'exhausted for good');
      assert.match(!spent.ok ? spent.message : '', /950 used/);
    });

    it('concurrency: slots are taken and returned; settle is idempotent', async () => {
      const b = base();
      const limits = { maxConcurrent: 2 };
      const r1 = await q.reserve({ ...b, limits, tokens: 10 });
      const r2 = await q.reserve({ ...b, limits, tokens: 10 });
      assert.ok(r1.ok && r2.ok);
      const r3 = await q.reserve({ ...b, limits, tokens: 10 });
      assert.ok(!r3.ok && r3.limit === 'concurrency' && r3.retryAfterMs > 0);
      await q.settle(r1.reservation, 5, 0);
      await q.settle(r1.reservation, 5, 0);
      const snap = await q.snapshot(b.grantId);
      assert.equal(snap.heldTokens, 10);
      assert.equal(snap.inFlight, 1);
      assert.equal(snap.leases, 1);
    });

    it('a refused reservation takes nothing', async () => {
      const b = base();
      const limits = { rpm: 10, tpm: 100 };
      assert.ok((await q.reserve({ ...b, limits, tokens: 101 })).ok, 'larger than capacity, let through on a full bucket');
      const refused = await q.reserve({ ...b, limits, tokens: 50 });
      assert.ok(!refused.ok && refused.limit === 'tpm');
      const snap = await q.snapshot(b.grantId);
      assert.deepEqual([snap.heldTokens, snap.inFlight], [101, 1]);
    });

    it('forget drops the grant state; a later settle of an old reservation changes nothing', async () => {
      const b = base();
      const r = await q.reserve({ ...b, limits: { maxConcurrent: 1 }, tokens: 10 });
      assert.ok(r.ok);
      await q.forget(b.grantId);
      assert.deepEqual(await q.snapshot(b.grantId), { heldTokens: 0, inFlight: 0, leases: 0, settledMirror: null });
      await q.settle(r.reservation, 10, 0);
      assert.deepEqual(await q.snapshot(b.grantId), { heldTokens: 0, inFlight: 0, leases: 0, settledMirror: null });
    });

    it('state keys expire when idle, so dead grants do not pile up in Redis', async () => {
      const b = base();
      assert.ok((await q.reserve({ ...b, limits: { rpm: 5 }, tokens: 1 })).ok);
      const pttl = await q.redis.pttl(`crosscheck:quota:{${b.grantId}}`);
      assert.ok(pttl > 0 && pttl <= 125_000, `ttl ${pttl}`);
    });
  });

  describe('shared by several gateway processes', () => {
    it('reserve is atomic across connections: 3N concurrent reservations over two stores, exactly N admitted', async () => {
      const [a, b] = [await open(), await open()];
      const grantId = freshGrant();
      const N = 7;
      const results = await Promise.all(
        Array.from({ length: 3 * N }, (_, i) => (i % 2 ? a : b).reserve({ grantId, limits: { rpm: N }, tokens: 1, settledTotal: 0, nowMs: Date.now() })),
      );
      assert.equal(results.filter((r) => r.ok).length, N);
      for (const r of results.filter((r) => !r.ok)) {
        assert.ok(!r.ok && r.limit === 'rpm');
        // Redis's clock: one request refills in 60/N s; a little time has passed since the last was taken.
        assert.ok(r.retryAfterMs > 60_000 / N - 2000 && r.retryAfterMs <= Math.ceil(60_000 / N), `retry after ${r.retryAfterMs}`);
      }
    });

    it('usage settled by one gateway counts against the total at another that read the store before it landed', async () => {
      const [a, b] = [await open(), await open()];
      const grantId = freshGrant();
      const limits = { maxTokensTotal: 1000 };
      const r = await a.reserve({ grantId, limits, tokens: 700, settledTotal: 0, nowMs: 0 });
      assert.ok(r.ok);
      await a.settle(r.reservation, 600, 0); // the gateway wrote 600 to the store, then released the hold
      // b's request read the store's total (0) just before a's usage was written.
      const stale = await b.reserve({ grantId, limits, tokens: 500, settledTotal: 0, nowMs: 0 });
      assert.ok(!stale.ok && stale.limit === 'total_tokens', 'the Redis mirror of the total caught it');
      assert.equal((await b.snapshot(grantId)).settledMirror, 600);
      assert.ok((await b.reserve({ grantId, limits, tokens: 400, settledTotal: 600, nowMs: 0 })).ok);
    });

    it("a crashed gateway's slots come back when its leases run out; a live gateway's leases are renewed", async () => {
      const grantId = freshGrant();
      const limits = { maxConcurrent: 1 };
      const live = await open({ leaseMs: 250 });
      const other = await open({ leaseMs: 250 });
      const held = await live.reserve({ grantId, limits, tokens: 5, settledTotal: 0, nowMs: 0 });
      assert.ok(held.ok);
      await sleep(600); // more than two lease lengths: renewals keep the slot
      assert.ok(!(await other.reserve({ grantId, limits, tokens: 5, settledTotal: 0, nowMs: 0 })).ok, 'still held while its gateway lives');

      await live.close(); // the gateway "crashes": no settle, no more renewals
      assert.ok(!(await other.reserve({ grantId, limits, tokens: 5, settledTotal: 0, nowMs: 0 })).ok, 'not yet expired');
      await sleep(350);
      const after = await other.reserve({ grantId, limits, tokens: 5, settledTotal: 0, nowMs: 0 });
      assert.ok(after.ok, 'the dead lease was reclaimed');
      const snap = await other.snapshot(grantId);
      assert.deepEqual([snap.heldTokens, snap.inFlight, snap.leases], [5, 1, 1], 'only the new call is held');
    });

    it('can share a client the caller owns', async () => {
      const redis = new Redis(server!.url);
      try {
        const q = new RedisQuotaStore(redis, { prefix: 'other:' });
        const r = await q.reserve({ grantId: 'x', limits: { maxConcurrent: 1 }, tokens: 3, settledTotal: 0, nowMs: 0 });
        assert.ok(r.ok);
        assert.equal(await redis.hget('other:{x}', 'held'), '3');
        await q.close();
        assert.equal(await redis.ping(), 'PONG', 'close() leaves a client it does not own open');
      } finally {
        redis.disconnect();
      }
    });
  });

  it('an unreachable server is a ConfigError without the password', async () => {
    await assert.rejects(RedisQuotaStore.connect('redis://:secret-pw@127.0.0.1:1'), (err: Error) => {
      assert.ok(err instanceof ConfigError, String(err));
      assert.ok(!err.message.includes('secret-pw'), err.message);
      return true;
    });
  });
});
