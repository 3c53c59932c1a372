import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join } from 'node:path';
import { ConfigError } from '../../core/errors.js';
import { AuditLog, type AuditStorage, type Durability, JournaledAuditStorage, PostgresAuditStorage, generateSignerKey, handleAuditProofRequest, startCheckpointing } from '../audit/index.js';
import { exportLines } from '../audit/log-export.js';
import { moveLogFromStore } from '../audit/move-sqlite-log.js';
import type { GatewayConfig } from '../config.js';
import type { AuditSink, BodyStore, TrafficMonitor } from '../hooks.js';
import { GatewayMonitor } from '../monitor/gateway-monitor.js';
import { monitorSettings } from '../monitor/settings.js';
import type { QuotaStore } from '../quota/quota-store.js';
import type { AuditExporter, AuditProofHandler } from '../server/audit-route.js';
import type { GatewayStore } from '../store/gateway-store.js';

/** The parts `gateway serve` does not build itself: the audit log, body storage, monitor, quota store. */
export interface ServeParts {
  audit: AuditSink;
  /** Default: SQLite beside the grants (when storeBodies is on). */
  bodies?: BodyStore;
  /** Default: none. */
  monitor?: TrafficMonitor;
  /** Default: in-memory. */
  quota?: QuotaStore;
  auditProofs?: AuditProofHandler;
  /** The whole log for the admin's GET /audit/export. */
  auditExport?: AuditExporter;
  /** Lines printed at start-up (e.g. the key grantees verify checkpoints with). */
  banner?: string[];
  close?(): Promise<void>;
}

export type ServePartsFactory = (config: GatewayConfig, store: GatewayStore) => Promise<ServeParts>;

/**
 * gateway.yaml `audit:` section (all optional):
 *   origin: crosscheck-gateway            # the checkpoint origin line and key name
 *   signerKeyEnv: CROSSCHECK_AUDIT_SIGNER_KEY   # a PRIVATE+KEY+... signed-note key; else keyFile
 *   keyFile: gateway-audit.key            # created (mode 600) on first start when no key is given
 *   checkpointEverySeconds: 10            # also the longest a receipt waits for a checkpoint covering it
 *   durability: process                   # what a receipt promises: process (the journal write
 *                                         # survives kill -9) or fsync (flushed to disk, survives
 *                                         # a power cut; concurrent calls share one flush)
 *   sqlite: gateway-audit.db              # with a SQLite store, the log's own file (default: the
 *                                         # store's name + "-audit", beside it)
 * With Postgres the log lives in the shared database. With SQLite it has a file of its own, held
 * by one gateway process (see JournaledAuditStorage), apart from the grants: every commit to a
 * shared file would also invalidate the grant lookups' cache.
 */
interface AuditSettings {
  origin: string;
  signerKeyEnv: string;
  keyFile?: string;
  checkpointEverySeconds: number;
  durability: Durability;
  sqlite?: string;
}

function auditSettings(config: GatewayConfig): AuditSettings {
  const raw = (config.audit ?? {}) as Partial<AuditSettings>;
  const settings = { origin: 'crosscheck-gateway', signerKeyEnv: 'CROSSCHECK_AUDIT_SIGNER_KEY', checkpointEverySeconds: 10, durability: 'process' as Durability, ...raw };
  if (!(settings.checkpointEverySeconds > 0)) throw new ConfigError('audit.checkpointEverySeconds must be a positive number');
  if (settings.durability !== 'process' && settings.durability !== 'fsync') throw new ConfigError('audit.durability must be process or fsync');
  return settings;
}

/** gateway.db -> gateway-audit.db beside it, unless audit.sqlite names the file (relative to the store's folder). */
export function auditFile(storePath: string, settings: Pick<AuditSettings, 'sqlite'>): string {
  if (settings.sqlite) return isAbsolute(settings.sqlite) ? settings.sqlite : join(dirname(storePath), settings.sqlite);
  const ext = extname(storePath);
  return join(dirname(storePath), `${basename(storePath, ext)}-audit${ext || '.db'}`);
}

function signerKey(config: GatewayConfig, settings: AuditSettings, env: NodeJS.ProcessEnv): string {
  const fromEnv = env[settings.signerKeyEnv]?.trim();
  if (fromEnv) return fromEnv;
  const base = 'sqlite' in config.store ? dirname(config.store.sqlite) : process.cwd();
  const file = settings.keyFile ? join(base, settings.keyFile) : join(base, 'gateway-audit.key');
  if (!existsSync(file)) {
    writeFileSync(file, `${generateSignerKey(settings.origin).signerKey}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return readFileSync(file, 'utf8').trim();
}

/** The real parts: a Merkle audit log with signed checkpoints, and the extraction monitor. */
export const defaultServeParts: ServePartsFactory = async (config, store) => {
  const settings = auditSettings(config);
  const watch = monitorSettings(config.monitor); // checked before anything is opened
  const banner: string[] = [];
  let storage: AuditStorage;
  if ('sqlite' in config.store) {
    const file = auditFile(config.store.sqlite, settings);
    const moved = moveLogFromStore(config.store.sqlite, file);
    if (moved) banner.push(`audit log: moved ${moved} entries from ${config.store.sqlite} to its own file ${file}`);
    storage = JournaledAuditStorage.open(file, { durability: settings.durability });
  } else {
    storage = await PostgresAuditStorage.connect(config.store.postgres);
  }
  const log = await AuditLog.open(storage, signerKey(config, settings, process.env));
  const checkpoints = startCheckpointing(log, settings.checkpointEverySeconds * 1000, (err) => process.stderr.write(`gateway: checkpoint failed: ${err.message}\n`));
  const monitor = watch.enabled ? await GatewayMonitor.start(store, watch, (line) => process.stderr.write(`gateway: ${line}\n`)) : undefined;
  if (!monitor) banner.push('extraction monitor: off (monitor.enabled is false)');
  return {
    // Bodies are stored by the log itself, in the transaction of the leaf that commits to them.
    audit: log,
    monitor,
    auditProofs: (url) => handleAuditProofRequest(log, url),
    auditExport: () => exportLines(log),
    banner: [...banner, `audit log: ${await log.size()} entries; grantees verify checkpoints with ${log.verifierKey}`],
    async close() {
      await monitor?.close();
      await checkpoints.stop();
      await log.close();
    },
  };
};
