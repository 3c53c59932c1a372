import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GatewayConfig, parseGatewayConfig } from '../config.js';
import { type GrantRequest } from '../grants/create-grant.js';
import type { Grant } from '../grants/grant.js';
import type { TrafficMonitor } from '../hooks.js';
import { MemoryQuotaStore } from '../quota/memory-quota-store.js';
import { type Gateway, type GatewayParts, createGateway } from '../server/gateway.js';
import { createGrantAudited } from '../server/grant-admin.js';
import { SqliteGatewayStore } from '../store/sqlite-gateway-store.js';
import { FakeAuditSink, FakeBodyStore } from './fake-audit-sink.js';

/**
 * TEST HELPER: a real gateway on 127.0.0.1 port 0 with a SQLite store in a temp dir, the fake
 * audit sink and body store, and a captured log. Upstreams are whatever `models` points at
 * (the fake servers of src/models/testing/).
 */
export interface TestGateway {
  origin: string;
  gateway: Gateway;
  config: GatewayConfig;
  store: SqliteGatewayStore;
  quota: MemoryQuotaStore;
  audit: FakeAuditSink;
  bodies: FakeBodyStore;
  logs: string[];
  env: NodeJS.ProcessEnv;
  grant(req?: Partial<GrantRequest>): Promise<{ grant: Grant; key: string }>;
  close(): Promise<void>;
}

export const TEST_ADMIN_KEY = 'admin-test-key-0123456789';

export async function startTestGateway(opts: {
  models: Record<string, { upstream: string; variant?: string; apiKeyEnv?: string }>;
  yaml?: string;
  monitor?: TrafficMonitor;
  env?: NodeJS.ProcessEnv;
  /** Parts of a real gateway to use instead of the doubles (a real AuditLog and its proof routes). */
  parts?: Pick<GatewayParts, 'audit' | 'auditProofs' | 'auditExport'>;
}): Promise<TestGateway> {
  const dir = mkdtempSync(join(tmpdir(), 'ccx-gw-'));
  const models = Object.entries(opts.models)
    .map(([name, m]) => `  ${name}: ${JSON.stringify(m)}`)
    .join('\n');
  const config = parseGatewayConfig(`store: { sqlite: gw.db }\n${opts.yaml ?? ''}\nmodels:\n${models}\n`, dir);
  const store = new SqliteGatewayStore((config.store as { sqlite: string }).sqlite);
  const quota = new MemoryQuotaStore();
  const audit = new FakeAuditSink();
  const bodies = new FakeBodyStore();
  const logs: string[] = [];
  const env = { CROSSCHECK_ADMIN_KEY: TEST_ADMIN_KEY, ...opts.env };
  const gateway = createGateway({ config, store, quota, audit, bodies, monitor: opts.monitor, env, log: (l) => logs.push(l), ...opts.parts });
  const origin = await gateway.listen(0, '127.0.0.1');
  return {
    origin, gateway, config, store, quota, audit, bodies, logs, env,
    async grant(req = {}) {
      const { grant, key } = await createGrantAudited(gateway.context, { grantee: 'lab-b', models: [...config.models.keys()], ...req });
      return { grant, key };
    },
    async close() {
      await gateway.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
