import { UsageError } from '../../core/errors.js';
import { loadGatewayConfig } from '../config.js';
import { createGateway } from '../server/gateway.js';
import { SqliteBodyStore } from '../store/sqlite-body-store.js';
import { SqliteGatewayStore } from '../store/sqlite-gateway-store.js';
import { createProductionParts } from '../store/production-parts.js';
import { type ServePartsFactory, defaultServeParts } from './gateway-parts.js';
import { type CommandIo, countFlag, parseFlags, processIo } from './io.js';

export const GATEWAY_SERVE_USAGE = 'usage: crosscheck gateway serve [--config gateway.yaml] [--host HOST] [--port N]';

const options = { config: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' } } as const;

export interface ServeOptions {
  parts?: ServePartsFactory;
  /** Stops the server (default: SIGINT or SIGTERM). */
  stop?: AbortSignal;
  onListening?(url: string): void;
}

export function gatewayServeCommand(argv: string[]): Promise<number> {
  return gatewayServe(argv, processIo);
}

/** Runs the gateway until stopped; closes connections, providers and stores on the way out. */
export async function gatewayServe(argv: string[], io: CommandIo, opts: ServeOptions = {}): Promise<number> {
  const { values, positionals } = parseFlags(argv, options, 'gateway serve');
  if (positionals.length) throw new UsageError(`gateway serve: unexpected argument "${positionals[0]}"\n${GATEWAY_SERVE_USAGE}`);
  const config = loadGatewayConfig(values.config ?? 'gateway.yaml');
  // Postgres (and Redis for quotas) when several instances serve one exchange; SQLite otherwise.
  const production = 'postgres' in config.store
    ? await createProductionParts({ postgresUrl: config.store.postgres, redisUrl: config.redis })
    : undefined;
  const store = production?.store ?? new SqliteGatewayStore((config.store as { sqlite: string }).sqlite);
  if (production && !config.redis) io.err('gateway: no redis configured: quotas are kept per instance; run one instance or add redis: URL\n');
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
  const log = (line: string) => io.err(`gateway: ${line}\n`);
  const gateway = createGateway({ config, store, audit: parts.audit, bodies, monitor: parts.monitor, quota: parts.quota ?? production?.quotas, auditProofs: parts.auditProofs, auditExport: parts.auditExport, env: io.env, log });
  try {
    const port = countFlag(values.port, 'port', 0) ?? config.listen.port;
    const url = await gateway.listen(port, values.host ?? config.listen.host);
    io.out(`gateway listening on ${url} (models: ${[...config.models.keys()].join(', ')})\n`);
    for (const line of parts.banner ?? []) io.out(`${line}\n`);
    if (!io.env[config.adminKeyEnv]) io.err(`gateway: admin API off: set ${config.adminKeyEnv} to manage grants\n`);
    opts.onListening?.(url);
    await stopped(opts.stop);
    io.out('gateway stopping\n');
    return 0;
  } finally {
    await gateway.close();
    if (bodies instanceof SqliteBodyStore) await bodies.close();
    await parts.close?.();
    await closeStore();
  }
}

function stopped(signal?: AbortSignal): Promise<void> {
  if (signal) return signal.aborted ? Promise.resolve() : new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}
