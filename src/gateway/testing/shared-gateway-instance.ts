import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog } from '../audit/audit-log.js';
import { PostgresAuditStorage } from '../audit/postgres-audit-storage.js';
import { type GatewayConfig, parseGatewayConfig } from '../config.js';
import type { QuotaStore } from '../quota/quota-store.js';
import { type Gateway, createGateway } from '../server/gateway.js';
import type { GatewayStore } from '../store/gateway-store.js';
import { createProductionParts } from '../store/production-parts.js';
import { TEST_ADMIN_KEY } from './test-gateway.js';

/**
 * TEST HELPER: one gateway instance as production runs it, a real HTTP server on 127.0.0.1
 * sharing nothing with other instances but Postgres (grants, usage, the Merkle audit log) and
 * Redis (quotas). Each instance opens its own connections, as separate processes would.
 */
export interface SharedGatewayInstance {
  name: string;
  origin: string;
  gateway: Gateway;
  config: GatewayConfig;
  store: GatewayStore;
  quota: QuotaStore;
  audit: AuditLog;
  logs: string[];
  close(): Promise<void>;
}

export async function startSharedGatewayInstance(opts: {
  name: string;
  postgresUrl: string;
  redisUrl: string;
  /** The audit log's signer key, the same for every instance (one log). */
  signerKey: string;
  models: Record<string, { upstream: string }>;
}): Promise<SharedGatewayInstance> {
  const dir = mkdtempSync(join(tmpdir(), 'ccx-gw-shared-'));
  const models = Object.entries(opts.models)
    .map(([name, m]) => `  ${name}: ${JSON.stringify(m)}`)
    .join('\n');
  const config = parseGatewayConfig(`store: { postgres: ${JSON.stringify(opts.postgresUrl)} }\nstoreBodies: false\nmodels:\n${models}\n`, dir);
  const parts = await createProductionParts({ postgresUrl: opts.postgresUrl, redisUrl: opts.redisUrl });
  let audit: AuditLog;
  try {
    audit = await AuditLog.open(await PostgresAuditStorage.connect(opts.postgresUrl), opts.signerKey);
  } catch (err) {
    await parts.close();
    throw err;
  }
  const logs: string[] = [];
  const gateway = createGateway({
    config,
    store: parts.store,
    quota: parts.quotas,
    audit,
    env: { CROSSCHECK_ADMIN_KEY: TEST_ADMIN_KEY },
    log: (l) => logs.push(`${opts.name}: ${l}`),
  });
  const origin = await gateway.listen(0, '127.0.0.1');
  return {
    name: opts.name,
    origin,
    gateway,
    config,
    store: parts.store,
    quota: parts.quotas!,
    audit,
    logs,
    async close() {
      await gateway.close();
      await audit.close();
      await parts.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
