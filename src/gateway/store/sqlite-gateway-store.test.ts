import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseModelRef } from '../../core/model-ref.js';
import { createGrant } from '../grants/create-grant.js';
import { FOREIGN_CHANGE_CHECK_MS, SqliteGatewayStore, USAGE_FLUSH_MS } from './sqlite-gateway-store.js';

const models = new Map([['m', { name: 'm', upstream: parseModelRef('scripted:echo'), variant: 'base' }]]);

describe('SqliteGatewayStore', () => {
  it('stores grants by key hash, adds usage in batches, changes status and limits; a second connection sees changes within FOREIGN_CHANGE_CHECK_MS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccx-store-'));
    const path = join(dir, 'sub', 'gw.db');
    const a = new SqliteGatewayStore(path);
    const b = new SqliteGatewayStore(path);
    try {
      const { grant, key, keyHash } = createGrant({ grantee: 'lab-b', models: ['m'], limits: { rpm: 10 } }, models);
      await a.createGrant(grant, keyHash);
      const found = await b.findByKeyHash(keyHash);
      assert.equal(found?.grant.id, grant.id);
      assert.deepEqual(found?.grant.models, [{ name: 'm', variant: 'base' }]);
      assert.deepEqual(found?.usage, { requests: 0, inputTokens: 0, outputTokens: 0 });
      assert.equal(await b.findByKeyHash(key), null, 'looked up by hash, not by key');

      await a.addUsage(grant.id, { requests: 1, inputTokens: 10, outputTokens: 5 });
      await a.addUsage(grant.id, { requests: 1, inputTokens: 1, outputTokens: 2 });
      const total = { requests: 2, inputTokens: 11, outputTokens: 7 };
      assert.deepEqual((await a.getGrant(grant.id))?.usage, total, 'the writer sees its batched usage at once');
      assert.deepEqual((await a.findByKeyHash(keyHash))?.usage, total, 'and through a cached key lookup');
      await new Promise((r) => setTimeout(r, USAGE_FLUSH_MS + 50));
      assert.deepEqual((await b.getGrant(grant.id))?.usage, total, 'others see it once the batch is committed');
      assert.deepEqual((await b.findByKeyHash(keyHash))?.usage, total, 'a key lookup cached before the commit is refreshed');

      await a.setLimits(grant.id, { rpm: 5 });
      const revoked = await a.setStatus(grant.id, 'revoked', 'done', '2030-01-01T00:00:00.000Z');
      assert.equal(revoked?.status, 'revoked');
      await new Promise((r) => setTimeout(r, FOREIGN_CHANGE_CHECK_MS + 20));
      const seen = (await b.findByKeyHash(keyHash))!.grant;
      assert.equal(seen.status, 'revoked');
      assert.equal(seen.statusReason, 'done');
      assert.deepEqual(seen.limits, { rpm: 5 });
      assert.equal((await a.findByKeyHash(keyHash))!.grant.status, 'revoked', 'the writer\'s own cached lookup is dropped on its change');
      assert.equal(await a.setStatus('nope', 'revoked', 'x', 'y'), null);
      assert.throws(() => {
        (seen.limits as { rpm?: number }).rpm = 1000;
      }, TypeError, 'the cached grant handed out is frozen: no caller can change it for the next');
      assert.equal((await b.listGrants()).length, 1);
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the monitor\'s documents: upserts in one transaction, read back by key and by prefix, across a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccx-store-'));
    const path = join(dir, 'gw.db');
    let a = new SqliteGatewayStore(path);
    try {
      await a.putMonitorDocs(new Map([['monitor:grant:g1', '{"a":1}'], ['monitor:grant:g2', '{"b":2}'], ['prompts:g1', '{"texts":[]}']]));
      await a.putMonitorDocs(new Map([['monitor:grant:g1', '{"a":3}']]));
      assert.equal(await a.getMonitorDoc('monitor:grant:g1'), '{"a":3}');
      assert.equal(await a.getMonitorDoc('nope'), null);
      await a.close();
      a = new SqliteGatewayStore(path);
      assert.deepEqual((await a.listMonitorDocs('monitor:grant:')).map((d) => d.key), ['monitor:grant:g1', 'monitor:grant:g2']);
      assert.deepEqual(await a.listMonitorDocs('monitor:grant:g2'), [{ key: 'monitor:grant:g2', value: '{"b":2}' }]);
      assert.deepEqual(await a.listMonitorDocs('%'), [], 'a prefix is matched literally, not as a LIKE pattern');
    } finally {
      await a.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
