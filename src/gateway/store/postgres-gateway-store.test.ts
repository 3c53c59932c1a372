import assert from 'node:assert/strict';
import { ConfigError } from '../../core/errors.js';
import { parseModelRef } from '../../core/model-ref.js';
import { postgresUnavailable, startThrowawayPostgres, type ThrowawayPostgres } from '../audit/testing/throwaway-postgres.js';
import { createGrant } from '../grants/create-grant.js';
import { PostgresGatewayStore } from './postgres-gateway-store.js';
import { needsService } from '../testing/needs-service.js';

const skip = postgresUnavailable();
const { after, before, describe, it } = needsService(skip);

const models = new Map([['m', { name: 'm', upstream: parseModelRef('scripted:echo'), variant: 'base' }]]);

describe('PostgresGatewayStore', () => {
  let server: ThrowawayPostgres | undefined;
  let a: PostgresGatewayStore;
  let b: PostgresGatewayStore;

  before(async () => {
    server = await startThrowawayPostgres();
    // Two stores connecting at once both create the schema: the advisory lock keeps that from racing.
    [a, b] = await Promise.all([PostgresGatewayStore.connect(server.connectionString), PostgresGatewayStore.connect(server.connectionString)]);
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await server?.stop();
  });

  it('stores grants by key hash, adds usage, changes status and limits; another connection sees every change at once', async () => {
    const { grant, key, keyHash } = createGrant({ grantee: 'lab-b', models: ['m'], limits: { rpm: 10 } }, models);
    await a.createGrant(grant, keyHash);
    const found = await b.findByKeyHash(keyHash);
    assert.equal(found?.grant.id, grant.id);
    assert.equal(found?.keyHash, keyHash);
    assert.deepEqual(found?.grant, grant);
    assert.deepEqual(found?.usage, { requests: 0, inputTokens: 0, outputTokens: 0 });
    assert.equal(await b.findByKeyHash(key), null, 'looked up by hash, not by key');

    await a.addUsage(grant.id, { requests: 1, inputTokens: 10, outputTokens: 5 });
    await a.addUsage(grant.id, { requests: 1, inputTokens: 1, outputTokens: 2 });
    assert.deepEqual((await b.getGrant(grant.id))?.usage, { requests: 2, inputTokens: 11, outputTokens: 7 }, 'committed when addUsage resolves');

    await a.setLimits(grant.id, { rpm: 5 });
    const revoked = await a.setStatus(grant.id, 'revoked', 'done', '2030-01-01T00:00:00.000Z');
    assert.equal(revoked?.status, 'revoked');
    const seen = (await b.findByKeyHash(keyHash))!.grant;
    assert.equal(seen.status, 'revoked', 'no cache: the other store sees the revocation on its next read');
    assert.equal(seen.statusReason, 'done');
    assert.deepEqual(seen.limits, { rpm: 5 });
    assert.equal(await a.setStatus('nope', 'revoked', 'x', 'y'), null);
    assert.equal(await b.getGrant('nope'), null);
    assert.ok((await b.listGrants()).some((g) => g.grant.id === grant.id));
  });

  it('keeps the monitor\'s documents: upserts, read by key and by a literal prefix from another store', async () => {
    await a.putMonitorDocs(new Map([['monitor:grant:p1', '{"a":1}'], ['monitor:grant:p2', '{"b":2}']]));
    await a.putMonitorDocs(new Map([['monitor:grant:p1', '{"a":3}']]));
    assert.equal(await b.getMonitorDoc('monitor:grant:p1'), '{"a":3}');
    assert.equal(await b.getMonitorDoc('nope'), null);
    assert.deepEqual((await b.listMonitorDocs('monitor:grant:p')).map((d) => d.key), ['monitor:grant:p1', 'monitor:grant:p2']);
    assert.deepEqual(await b.listMonitorDocs('%'), []);
  });

  it('usage added concurrently from two stores is never lost', async () => {
    const { grant, keyHash } = createGrant({ grantee: 'lab-c', models: ['m'] }, models);
    await a.createGrant(grant, keyHash);
    const N = 100;
    await Promise.all(
      Array.from({ length: N }, (_, i) => (i % 2 ? a : b).addUsage(grant.id, { requests: 1, inputTokens: i, outputTokens: 2 * i })),
    );
    const sum = (N * (N - 1)) / 2;
    assert.deepEqual((await a.getGrant(grant.id))!.usage, { requests: N, inputTokens: sum, outputTokens: 2 * sum });
  });

  it('concurrent changes to one grant from two stores do not overwrite each other', async () => {
    const { grant, keyHash } = createGrant({ grantee: 'lab-d', models: ['m'], limits: { rpm: 1 } }, models);
    await a.createGrant(grant, keyHash);
    await Promise.all([a.setLimits(grant.id, { rpm: 7, tpm: 700 }), b.setStatus(grant.id, 'suspended', 'looking into it', '2030-01-01T00:00:00.000Z')]);
    const g = (await a.getGrant(grant.id))!.grant;
    assert.deepEqual(g.limits, { rpm: 7, tpm: 700 });
    assert.equal(g.status, 'suspended');
    assert.equal(g.statusReason, 'looking into it');
  });

  it('a key hash is unique, and reconnecting keeps everything (schema creation is idempotent)', async () => {
    const first = createGrant({ grantee: 'lab-e', models: ['m'] }, models);
    await a.createGrant(first.grant, first.keyHash);
    const other = createGrant({ grantee: 'lab-f', models: ['m'] }, models);
    await assert.rejects(a.createGrant(other.grant, first.keyHash), /duplicate key/);
    assert.equal(await a.getGrant(other.grant.id), null, 'the failed create left nothing behind');
    const c = await PostgresGatewayStore.connect(server!.connectionString);
    try {
      assert.equal((await c.findByKeyHash(first.keyHash))?.grant.grantee, 'lab-e');
    } finally {
      await c.close();
    }
  });

  it('an unreachable server is a ConfigError that does not show the password', async () => {
    await assert.rejects(PostgresGatewayStore.connect('postgres://u:secret-pw@127.0.0.1:1/db'), (err: Error) => {
      assert.ok(err instanceof ConfigError, String(err));
      assert.ok(!err.message.includes('secret-pw'), err.message);
      return true;
    });
  });
});
