/**
 * The two-instance guarantee: two real gateway instances on loopback, sharing nothing but one
 * real Postgres (grants, usage, the audit log) and one real Redis (quotas), enforce one global
 * quota, see a revocation made at the other within one second, and add usage up in one place.
 * The grantee is the official `openai` client; the upstream is the fake OpenAI server.
 */
import OpenAI from 'openai';
import assert from 'node:assert/strict';
import { type FakeOpenAIServer, openAIChatCompletion, startFakeOpenAIServer } from '../models/testing/fake-openai-server.js';
import { AuditLog } from './audit/audit-log.js';
import { entryLeafHash } from './audit/canonical.js';
import { openCheckpoint } from './audit/checkpoint.js';
import { verifyInclusion } from './audit/merkle.js';
import { PostgresAuditStorage } from './audit/postgres-audit-storage.js';
import { parseReceipt } from './audit/receipt.js';
import { generateSignerKey, parseVerifierKey } from './audit/signed-note.js';
import { postgresUnavailable, startThrowawayPostgres, type ThrowawayPostgres } from './audit/testing/throwaway-postgres.js';
import type { AuditReceipt } from './contracts.js';
import type { GrantRequest } from './grants/create-grant.js';
import type { RedisQuotaStore } from './quota/redis-quota-store.js';
import { createGrantAudited } from './server/grant-admin.js';
import { PostgresGatewayStore } from './store/postgres-gateway-store.js';
import { type SharedGatewayInstance, startSharedGatewayInstance } from './testing/shared-gateway-instance.js';
import { TEST_ADMIN_KEY } from './testing/test-gateway.js';
import { redisUnavailable, startThrowawayRedis, type ThrowawayRedis } from './testing/throwaway-redis.js';
import { needsService } from './testing/needs-service.js';

const skip = postgresUnavailable() ?? redisUnavailable();
const { after, before, describe, it } = needsService(skip);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const COMPLETION_TOKENS = 40; // the fake upstream's reply is 160 characters

type Outcome =
  | { ok: true; via: string; receipt: AuditReceipt; promptTokens: number; completionTokens: number }
  | { ok: false; via: string; receipt: AuditReceipt | null; status: number; code: string; retryAfter: string | null };

describe('two gateway instances sharing one Postgres and one Redis', () => {
  let pgServer: ThrowawayPostgres | undefined;
  let redisServer: ThrowawayRedis | undefined;
  let upstream: FakeOpenAIServer | undefined;
  let slowUpstream: FakeOpenAIServer | undefined;
  let A: SharedGatewayInstance | undefined;
  let B: SharedGatewayInstance | undefined;
  const signer = generateSignerKey('gateway.test/distributed');
  /** Every receipt handed out, by instance, for the audit check at the end. */
  const receipts: { via: string; receipt: AuditReceipt }[] = [];
  let slowGate: Promise<void> = Promise.resolve();

  before(async () => {
    [pgServer, redisServer] = await Promise.all([startThrowawayPostgres(), startThrowawayRedis()]);
    upstream = await startFakeOpenAIServer({ text: 'x'.repeat(4 * COMPLETION_TOKENS) });
    // Holds each call until the test opens the gate, so "in flight" does not depend on timing.
    slowUpstream = await startFakeOpenAIServer({
      handler: async () => {
        await slowGate;
        return { kind: 'json', body: openAIChatCompletion({ text: 'slow', promptTokens: 3, completionTokens: 1 }) };
      },
    });
    const common = {
      postgresUrl: pgServer.connectionString,
      redisUrl: redisServer.url,
      signerKey: signer.signerKey,
      models: { 'acme-large': { upstream: `openai:gpt-up@${upstream.url}` }, 'acme-slow': { upstream: `openai:slow@${slowUpstream.url}` } },
    };
    // Started one after the other so both create-schema paths run (the second finds it made).
    A = await startSharedGatewayInstance({ name: 'A', ...common });
    B = await startSharedGatewayInstance({ name: 'B', ...common });
  });
  after(async () => {
    await A?.close();
    await B?.close();
    await upstream?.close();
    await slowUpstream?.close();
    await pgServer?.stop();
    await redisServer?.stop();
  });

  const grant = async (req: Partial<GrantRequest>) => createGrantAudited(A!.gateway.context, { grantee: 'lab-b', models: ['acme-large', 'acme-slow'], ...req });

  /** One chat completion through `gw` with the official client; never throws. */
  async function ask(gw: SharedGatewayInstance, key: string, model = 'acme-large'): Promise<Outcome> {
    const client = new OpenAI({ apiKey: key, baseURL: `${gw.origin}/v1`, maxRetries: 0 });
    try {
      const { data, response } = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }], max_tokens: 60 }).withResponse();
      const receipt = parseReceipt(response.headers.get('x-crosscheck-receipt')!);
      receipts.push({ via: gw.name, receipt });
      return { ok: true, via: gw.name, receipt, promptTokens: data.usage!.prompt_tokens, completionTokens: data.usage!.completion_tokens };
    } catch (e: any) {
      if (!(e instanceof OpenAI.APIError)) throw e;
      const header = e.headers?.get('x-crosscheck-receipt');
      const receipt = header ? parseReceipt(header) : null;
      if (receipt) receipts.push({ via: gw.name, receipt });
      return { ok: false, via: gw.name, receipt, status: e.status!, code: String(e.code), retryAfter: e.headers?.get('retry-after') ?? null };
    }
  }

  /** `count` requests at once, alternating between the instances. */
  const burst = (key: string, count: number, model?: string) => Promise.all(Array.from({ length: count }, (_, i) => ask(i % 2 ? B! : A!, key, model)));

  function assertRateLimited(o: Outcome, code: string, maxRetryAfterS: number): void {
    assert.ok(!o.ok, `expected 429 ${code}`);
    assert.equal(o.status, 429);
    assert.equal(o.code, code);
    const s = Number(o.retryAfter);
    assert.ok(Number.isInteger(s) && s >= 1 && s <= maxRetryAfterS, `Retry-After ${o.retryAfter} (want 1..${maxRetryAfterS})`);
  }

  it('one global rpm: 2N requests spread over both instances, exactly N succeed, the rest get 429 with Retry-After', async () => {
    const N = 5;
    const { key } = await grant({ limits: { rpm: N } });
    const before = upstream!.requests.length;
    const outcomes = await burst(key, 2 * N);
    const ok = outcomes.filter((o) => o.ok);
    assert.equal(ok.length, N, `successes: ${outcomes.map((o) => `${o.via}:${o.ok ? 'ok' : (o as any).code}`).join(' ')}`);
    for (const o of outcomes.filter((o) => !o.ok)) assertRateLimited(o, 'rpm_exceeded', 60 / N);
    assert.equal(upstream!.requests.length - before, N, 'refused requests never reached the upstream');
  });

  it('one global concurrency limit: while 2 calls are in flight anywhere, the others get 429; then slots are free again', async () => {
    const { grant: g, key } = await grant({ limits: { maxConcurrent: 2 } });
    let openGate!: () => void;
    slowGate = new Promise((r) => (openGate = r));
    const before = slowUpstream!.requests.length;
    let refused = 0;
    const pending = Array.from({ length: 6 }, (_, i) => ask(i % 2 ? B! : A!, key, 'acme-slow').then((o) => ((refused += o.ok ? 0 : 1), o)));
    // Two calls reach the upstream and wait there; the other four are answered at once.
    const deadline = Date.now() + 5000;
    while ((refused < 4 || slowUpstream!.requests.length - before < 2) && Date.now() < deadline) await sleep(5);
    assert.equal(slowUpstream!.requests.length - before, 2, 'two calls in flight at the upstream');
    openGate();
    const outcomes = await Promise.all(pending);
    assert.equal(outcomes.filter((o) => o.ok).length, 2);
    for (const o of outcomes.filter((o) => !o.ok)) assertRateLimited(o, 'concurrency_exceeded', 5);
    const again = await Promise.all([ask(A!, key, 'acme-slow'), ask(B!, key, 'acme-slow')]);
    assert.ok(again.every((o) => o.ok), 'both slots were released');
    const snap = await (A!.quota as RedisQuotaStore).snapshot(g.id);
    assert.deepEqual([snap.inFlight, snap.heldTokens, snap.leases], [0, 0, 0]);
  });

  it('one global lifetime total: calls alternate between instances until the shared total is spent', async () => {
    const LIMIT = 400;
    const { grant: g, key } = await grant({ limits: { maxTokensTotal: LIMIT } });
    const reservation = Math.ceil('hi'.length / 4) + 60;
    let successes = 0;
    let last: Outcome | undefined;
    for (let i = 0; i < 20; i++) {
      last = await ask(i % 2 ? B! : A!, key);
      if (!last.ok) break;
      successes++;
    }
    assert.ok(last && !last.ok, 'the limit was hit');
    assertRateLimited(last!, 'total_tokens_exceeded', 3600);
    const usage = (await B!.store.getGrant(g.id))!.usage;
    const total = usage.inputTokens + usage.outputTokens;
    assert.ok(successes >= 3, `${successes} calls, on both instances`);
    assert.equal(usage.requests, successes);
    assert.ok(total <= LIMIT && total + reservation > LIMIT, `stopped at ${total} of ${LIMIT}`);
    // Either instance refuses now, not only the one that saw the last call.
    assertRateLimited(await ask(last!.via === 'A' ? B! : A!, key), 'total_tokens_exceeded', 3600);
  });

  it('usage totals from both instances add up in Postgres', async () => {
    const { grant: g, key } = await grant({});
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 8; i++) outcomes.push(await ask(i % 3 ? A! : B!, key));
    outcomes.push(...(await burst(key, 6)));
    assert.ok(outcomes.every((o) => o.ok));
    const served = outcomes as Extract<Outcome, { ok: true }>[];
    // Read through a connection neither instance uses.
    const reader = await PostgresGatewayStore.connect(pgServer!.connectionString);
    try {
      const usage = (await reader.getGrant(g.id))!.usage;
      assert.deepEqual(usage, {
        requests: served.length,
        inputTokens: served.reduce((s, o) => s + o.promptTokens, 0),
        outputTokens: served.reduce((s, o) => s + o.completionTokens, 0),
      });
      assert.equal(usage.outputTokens, COMPLETION_TOKENS * served.length);
    } finally {
      await reader.close();
    }
  });

  it('a revocation through instance A is enforced by instance B within one second (its very next request)', async () => {
    // Made and revoked through A's admin API, as a grantor would.
    const admin = (path: string, body: unknown) =>
      fetch(`${A!.origin}/admin${path}`, { method: 'POST', headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const created = await admin('/grants', { grantee: 'lab-b', models: ['acme-large'] });
    assert.equal(created.status, 201);
    const { grant: g, key } = (await created.json()) as { grant: { id: string }; key: string };
    assert.ok((await ask(B!, key)).ok, 'B serves the grant before the revocation');

    // B is under steady load from the grantee while the grantor revokes at A.
    let stop = false;
    const seen: { startedAt: number; endedAt: number; outcome: Outcome }[] = [];
    const load = (async () => {
      while (!stop) {
        const startedAt = performance.now();
        const outcome = await ask(B!, key);
        seen.push({ startedAt, endedAt: performance.now(), outcome });
        if (!outcome.ok) break;
      }
    })();
    await sleep(100);
    const revokeSentAt = performance.now();
    const revoked = await admin(`/grants/${g.id}/revoke`, { reason: 'end of the evaluation' });
    const revokeAnsweredAt = performance.now();
    assert.equal(revoked.status, 200);
    const deadline = Date.now() + 2000;
    while (!seen.some((s) => !s.outcome.ok) && Date.now() < deadline) await sleep(5);
    stop = true;
    await load;

    const firstRefusal = seen.find((s) => !s.outcome.ok);
    assert.ok(firstRefusal, 'B refused the grant at all');
    assert.ok(!firstRefusal.outcome.ok && firstRefusal.outcome.status === 403 && firstRefusal.outcome.code === 'grant_revoked', JSON.stringify(firstRefusal.outcome));
    const latencyMs = firstRefusal.endedAt - revokeSentAt;
    console.log(`revocation latency (revoke sent at A → first refusal at B): ${latencyMs.toFixed(1)} ms; revoke call took ${(revokeAnsweredAt - revokeSentAt).toFixed(1)} ms`);
    assert.ok(latencyMs < 1000, `B refused ${latencyMs.toFixed(1)} ms after the revocation`);
    assert.ok(
      !seen.some((s) => s.outcome.ok && s.startedAt > revokeAnsweredAt),
      'no request B received after the revocation was committed was served',
    );
    assert.ok(seen.filter((s) => s.outcome.ok).length >= 1, 'B was serving until the revocation');
    const direct = await ask(B!, key);
    assert.ok(!direct.ok && direct.code === 'grant_revoked');
  });

  it('both instances append to one Merkle log: every receipt either handed out is included under one signed checkpoint', async () => {
    assert.ok(receipts.some((r) => r.via === 'A') && receipts.some((r) => r.via === 'B'));
    await A!.audit.flush();
    await B!.audit.flush();
    const indices = receipts.map((r) => r.receipt.index);
    assert.equal(new Set(indices).size, indices.length, 'no index handed out twice');

    // An independent reader (a third connection) rebuilds the tree from Postgres and signs a checkpoint.
    const reader = await AuditLog.open(await PostgresAuditStorage.connect(pgServer!.connectionString), signer.signerKey);
    try {
      const cp = openCheckpoint(await reader.checkpoint(), parseVerifierKey(signer.verifierKey));
      assert.ok(cp.size >= receipts.length);
      assert.equal(cp.rootHash.toString('hex'), await B!.audit.root(cp.size), 'the instances agree on the root');
      for (const { receipt } of receipts) {
        const proof = (await reader.inclusionProof(receipt.index, cp.size)).map((h) => Buffer.from(h, 'hex'));
        verifyInclusion(receipt.index, cp.size, Buffer.from(receipt.leafHash, 'hex'), proof, cp.rootHash);
        assert.equal(entryLeafHash((await reader.entry(receipt.index))!), receipt.leafHash, 'the stored entry is the one the receipt names');
      }
      const revocations = [];
      for (let i = 0; i < cp.size; i++) if ((await reader.entry(i))?.kind === 'grant_revoked') revocations.push(i);
      assert.equal(revocations.length, 1, 'the revocation made at A is in the shared log');
    } finally {
      await reader.close();
    }
  });
});
