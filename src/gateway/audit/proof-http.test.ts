import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuditLog } from './audit-log.js';
import { gatewayProofSource, handleAuditProofRequest } from './proof-http.js';
import { generateSignerKey } from './signed-note.js';
import { SqliteAuditStorage } from './sqlite-audit-storage.js';
import { verifyAudit } from './verify.js';

test('a grantee verifies its checkpoints and receipts through the gateway over HTTP', async () => {
  const keys = generateSignerKey('gateway.test/audit');
  const log = await AuditLog.open(new SqliteAuditStorage(':memory:'), keys.signerKey);
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers.authorization ?? '');
    void handleAuditProofRequest(log, new URL(req.url!, 'http://x')).then((r) => {
      res.writeHead(r?.status ?? 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(r?.body ?? { error: 'not found' }));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  try {
    const source = gatewayProofSource(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, 'admin-secret');
    const receipts = [];
    const checkpoints = [];
    for (let i = 0; i < 9; i++) {
      receipts.push(await log.append({ kind: 'request', time: 't', requestId: `r${i}` }));
      if (i === 3 || i === 8) {
        await log.checkpoint(); // the gateway's schedule signs as the log grows
        checkpoints.push(await source.checkpoint());
      }
    }
    const report = await verifyAudit({ checkpoints, receipts, verifierKey: keys.verifierKey, proofs: source });
    assert.deepEqual(report.problems, []);
    assert.equal(report.latestSize, 9);
    assert.equal(await source.checkpoint(), checkpoints[1], 'the route serves the latest checkpoint; it signs nothing itself');
    assert.equal((await log.checkpoints()).length, 2);
    assert.ok(seen.every((h) => h === 'Bearer admin-secret'));
    await assert.rejects(source.inclusionProof(3, 99), /HTTP 400: .*out of range/);
  } finally {
    server.close();
    await log.close();
  }
});
