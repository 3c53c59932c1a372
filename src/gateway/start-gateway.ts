import { type GatewayConfig } from './config.js';
import { type ServePartsFactory, defaultServeParts } from './cli/gateway-parts.js';
import { createGateway, type Gateway } from './server/gateway.js';
import { SqliteBodyStore } from './store/sqlite-body-store.js';
import { SqliteGatewayStore } from './store/sqlite-gateway-store.js';
import { createProductionParts } from './store/production-parts.js';

export interface StartGatewayOptions {
  /** The port to listen on (default: the config's listen.port; 0 picks a free one) and the address. */
  port?: number;
  host?: string;
  /** Where upstream keys and the admin key are read. Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Operational log, one line each (never keys or bodies). Default: stderr. */
  log?: (line: string) => void;
  /** The audit log, body store, monitor and quota store (default: as the config says). */
  parts?: ServePartsFactory;
}

export interface RunningGateway {
  /** `http://host:port`: OpenAI- and Anthropic-compatible endpoints under /v1, the admin API under /admin. */
  url: string;
  gateway: Gateway;
  /** Start-up notes for the operator (e.g. the key grantees verify checkpoints with). */
  banner: string[];
  /** Stops serving and closes providers, the audit log and the stores. */
  close(): Promise<void>;
}

/**
 * Serves the exchange as `crosscheck gateway serve` does: the config's store (SQLite, or
 * Postgres and Redis when several instances share one exchange), its audit log with signed
 * checkpoints, its monitor and quotas, listening until `close()`.
 */
export async function startGateway(config: GatewayConfig, opts: StartGatewayOptions = {}): Promise<RunningGateway> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((line: string) => process.stderr.write(`gateway: ${line}\n`));
  const production = 'postgres' in config.store
    ? await createProductionParts({ postgresUrl: config.store.postgres, redisUrl: config.redis })
    : undefined;
  const store = production?.store ?? new SqliteGatewayStore((config.store as { sqlite: string }).sqlite);
  if (production && !config.redis) log('no redis configured: quotas are kept per instance; run one instance or add redis: URL');
  const closeStore = () => (production ? production.close() : store.close());
  let parts;
  try {
    parts = await (opts.parts ?? defaultServeParts)(config, store);
  } catch (err) {
    await closeStore();
    throw err;
  }
  // An audit log that keeps bodies with their leaves needs no separate body store.
  const bodies = parts.bodies ?? (config.storeBodies && !parts.audit.storesBodies && 'sqlite' in config.store ? new SqliteBodyStore(config.store.sqlite) : undefined);
  const gateway = createGateway({ config, store, audit: parts.audit, bodies, monitor: parts.monitor, quota: parts.quota ?? production?.quotas, auditProofs: parts.auditProofs, auditExport: parts.auditExport, env, log });
  const close = async () => {
    await gateway.close();
    if (bodies instanceof SqliteBodyStore) await bodies.close();
    await parts.close?.();
    await closeStore();
  };
  try {
    const url = await gateway.listen(opts.port ?? config.listen.port, opts.host ?? config.listen.host);
    return { url, gateway, banner: parts.banner ?? [], close };
  } catch (err) {
    await close();
    throw err;
  }
}
