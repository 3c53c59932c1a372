import { AuditLog } from '../audit/audit-log.js';
import { exportLines } from '../audit/log-export.js';
import { handleAuditProofRequest } from '../audit/proof-http.js';
import { generateSignerKey } from '../audit/signed-note.js';
import { SqliteAuditStorage } from '../audit/sqlite-audit-storage.js';
import { type TestGateway, startTestGateway } from './test-gateway.js';

/**
 * TEST HELPER: a test gateway (test-gateway.ts) with a real Merkle audit log in memory, its proof
 * routes and export, and one grant over every model. `models` maps the gateway's model names to
 * upstreams (the fake servers of src/models/testing/, or `scripted:` refs).
 */
export interface AuditedTestGateway {
  gw: TestGateway;
  log: AuditLog;
  /** The grant key the evaluating lab calls with. */
  key: string;
  grantId: string;
  close(): Promise<void>;
}

export async function startAuditedTestGateway(models: Record<string, { upstream: string }>, origin = 'gateway.test/acme'): Promise<AuditedTestGateway> {
  const log = await AuditLog.open(new SqliteAuditStorage(':memory:'), generateSignerKey(origin).signerKey);
  const gw = await startTestGateway({
    models,
    parts: { audit: log, auditProofs: (url, caller) => handleAuditProofRequest(log, url, caller), auditExport: () => exportLines(log) },
  });
  const { key, grant } = await gw.grant();
  return {
    gw, log, key, grantId: grant.id,
    async close() {
      await gw.close();
      await log.close();
    },
  };
}
