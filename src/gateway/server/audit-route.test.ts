import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AuditLog } from '../audit/audit-log.js';
import { exportLines } from '../audit/log-export.js';
import { handleAuditProofRequest } from '../audit/proof-http.js';
import { generateSignerKey } from '../audit/signed-note.js';
import { SqliteAuditStorage } from '../audit/sqlite-audit-storage.js';
import { type MaliciousUpstream, startMaliciousUpstream } from '../testing/malicious-upstream.js';
import { TEST_ADMIN_KEY, type TestGateway, startTestGateway } from '../testing/test-gateway.js';
import { AUDIT_RATE } from './audit-route.js';

describe('audit routes: the latest checkpoint, rate-limited, not for revoked keys; the export for the admin', () => {
  let up: MaliciousUpstream;
  let gw: TestGateway;
  let log: AuditLog;
  before(async () => {
    up = await startMaliciousUpstream();
    log = await AuditLog.open(new SqliteAuditStorage(':memory:'), generateSignerKey('gateway.test/routes').signerKey);
    gw = await startTestGateway({
      models: { acme: { upstream: `openai:m@${up.url}` } },
      parts: { audit: log, auditProofs: (url) => handleAuditProofRequest(log, url), auditExport: () => exportLines(log) },
    });
  });
  after(async () => {
    await gw.close();
    await log.close();
    await up.close();
  });
  const get = (path: string, key: string) => fetch(`${gw.origin}${path}`, { headers: { authorization: `Bearer ${key}` } });

  it('GET /audit/checkpoint signs nothing per request, and a key past its rate gets 429', { timeout: 20000 }, async () => {
    const { key } = await gw.grant();
    const statuses: number[] = [];
    const notes = new Set<string>();
    for (let i = 0; i < AUDIT_RATE.burst + 10; i++) {
      const r = await get('/audit/checkpoint', key);
      statuses.push(r.status);
      if (r.status === 200) notes.add(((await r.json()) as { checkpoint: string }).checkpoint);
      else await r.body?.cancel();
    }
    assert.ok(statuses.includes(429), statuses.join(' '));
    assert.ok(statuses.slice(0, AUDIT_RATE.burst).every((s) => s === 200));
    assert.equal(notes.size, 1, 'the same latest checkpoint each time');
    assert.equal((await log.checkpoints()).length, 1, 'one checkpoint stored, not one per call');
    const admin = await Promise.all(Array.from({ length: 5 }, () => get('/audit/checkpoint', TEST_ADMIN_KEY)));
    assert.ok(admin.every((r) => r.status === 200), 'the admin key is not rate-limited');
  });

  it('a revoked key is refused; the export is for the admin and holds every leaf', { timeout: 20000 }, async () => {
    const { key, grant } = await gw.grant();
    await fetch(`${gw.origin}/admin/grants/${grant.id}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` }, body: JSON.stringify({ reason: 'done' }) });
    assert.equal((await get('/audit/checkpoint', key)).status, 403);
    assert.equal((await get('/audit/proof/inclusion?index=0&size=1', key)).status, 403);
    const { key: other } = await gw.grant();
    assert.equal((await get('/audit/export', other)).status, 403);
    const r = await get('/audit/export', TEST_ADMIN_KEY);
    assert.equal(r.status, 200);
    const lines = (await r.text()).trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines[0].type, 'header');
    assert.equal(lines.filter((l) => l.type === 'leaf').length, await log.size());
  });
});
