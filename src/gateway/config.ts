import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../core/errors.js';
import { type ModelRef, parseModelRef } from '../core/model-ref.js';

/**
 * gateway.yaml:
 *
 *   listen: { host: 127.0.0.1, port: 8787 }
 *   store: { sqlite: ./gateway.db }          # relative to this file, or { postgres: URL } for several instances
 *   redis: redis://127.0.0.1:6379             # with Postgres: one quota across instances
 *   adminKeyEnv: CROSSCHECK_ADMIN_KEY        # the admin API's bearer key is read from this variable
 *   maxBodyBytes: 1048576                     # larger request bodies get 413
 *   upstreamTimeoutMs: 600000                 # a whole reply (or a stream's head) within this
 *   upstreamMaxBodyBytes: 16777216            # larger upstream replies get 502 (streams are cut); never stored
 *   streamIdleTimeoutMs: 60000                # a stream silent this long is cut (final SSE error event)
 *   streamTotalTimeoutMs: 1800000             # a stream still open after this long is cut
 *   revocationWindowMs: 1000                  # open streams of a grant revoked elsewhere end within this
 *   headersTimeoutMs: 20000                   # a client's request head within this (node:http headersTimeout)
 *   requestTimeoutMs: 60000                   # a client's whole request within this (node:http requestTimeout)
 *   maxHeaderBytes: 16384                     # larger request heads get 431
 *   maxConnections: 4096                      # open client connections, in total
 *   maxConnectionsPerClient: 256              # ... and from one address (behind a TLS terminator: its address)
 *   defaultMaxTokens: 4096                    # reserved per call when the request sets no max
 *   storeBodies: true                         # keep request/response bodies beside their hashes
 *   models:
 *     acme-large: { upstream: "openai:gpt-4.1@http://10.0.0.5:8000/v1", apiKeyEnv: ACME_KEY }
 *     acme-large-reduced-safeguards: { upstream: "llamacpp:./m.gguf", variant: reduced-safeguards }
 *   audit: {...}     # read by the audit log's wiring, not here
 *   monitor: {...}   # read by the monitor's wiring (monitor/settings.ts), not here
 */
export interface GatewayModelConfig {
  /** The name grantees ask for. */
  name: string;
  upstream: ModelRef;
  /** Label carried into grants and audit entries, e.g. "reduced-safeguards". */
  variant?: string;
  /** Variable holding the upstream's key; default: the provider's usual one (OPENAI_API_KEY...). */
  apiKeyEnv?: string;
}

export interface GatewayConfig {
  listen: { host: string; port: number };
  store: { sqlite: string } | { postgres: string };
  /** Redis for quotas shared by several gateway instances (with a Postgres store). */
  redis?: string;
  adminKeyEnv: string;
  maxBodyBytes: number;
  upstreamTimeoutMs: number;
  upstreamMaxBodyBytes: number;
  streamIdleTimeoutMs: number;
  streamTotalTimeoutMs: number;
  revocationWindowMs: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  maxHeaderBytes: number;
  maxConnections: number;
  maxConnectionsPerClient: number;
  defaultMaxTokens: number;
  storeBodies: boolean;
  models: Map<string, GatewayModelConfig>;
  /** Sections owned by other parts, passed on untouched. */
  audit?: unknown;
  monitor?: unknown;
}

export const DEFAULT_ADMIN_KEY_ENV = 'CROSSCHECK_ADMIN_KEY';

/** Limits on clients, upstreams and streams, with their defaults (see the comment above). */
const LIMITS = {
  maxBodyBytes: 1024 * 1024,
  upstreamTimeoutMs: 600_000,
  upstreamMaxBodyBytes: 16 * 1024 * 1024,
  streamIdleTimeoutMs: 60_000,
  streamTotalTimeoutMs: 1_800_000,
  revocationWindowMs: 1000,
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 60_000,
  maxHeaderBytes: 16 * 1024,
  maxConnections: 4096,
  maxConnectionsPerClient: 256,
  defaultMaxTokens: 4096,
} as const;

const TOP_LEVEL = new Set(['listen', 'store', 'redis', 'adminKeyEnv', 'storeBodies', 'models', 'audit', 'monitor', ...Object.keys(LIMITS)]);

export function loadGatewayConfig(path: string): GatewayConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read gateway config ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseGatewayConfig(text, dirname(resolve(path)), path);
}

/** Relative paths (the SQLite file, llamacpp model files) are resolved against `baseDir`. */
export function parseGatewayConfig(text: string, baseDir: string, source = 'gateway config'): GatewayConfig {
  let raw: any;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new ConfigError(`${source}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${source}: expected a mapping at the top level`);
  const fail = (msg: string): never => {
    throw new ConfigError(`${source}: ${msg}`);
  };
  for (const key of Object.keys(raw)) if (!TOP_LEVEL.has(key)) fail(`unknown setting "${key}"`);

  const listen = raw.listen ?? {};
  const host = listen.host ?? '127.0.0.1';
  const port = listen.port ?? 8787;
  if (typeof host !== 'string' || !host) fail('listen.host must be a host name or address');
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail('listen.port must be a port number (0-65535)');

  const store = raw.store ?? { sqlite: 'gateway.db' };
  let storeConfig: GatewayConfig['store'];
  if (typeof store.sqlite === 'string' && store.sqlite) storeConfig = { sqlite: isAbsolute(store.sqlite) ? store.sqlite : resolve(baseDir, store.sqlite) };
  else if (typeof store.postgres === 'string' && store.postgres) storeConfig = { postgres: store.postgres };
  else storeConfig = fail('store must be { sqlite: PATH } or { postgres: URL }');

  if (raw.redis !== undefined && (typeof raw.redis !== 'string' || !/^rediss?:\/\//.test(raw.redis))) fail('redis must be a redis:// URL');

  const models = new Map<string, GatewayModelConfig>();
  if (!raw.models || typeof raw.models !== 'object' || Array.isArray(raw.models) || Object.keys(raw.models).length === 0) {
    fail('models must map at least one model name to { upstream: MODEL_REF }');
  }
  for (const [name, m] of Object.entries<any>(raw.models)) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(name)) fail(`model name "${name}" may use only letters, digits, . _ : -`);
    if (!m || typeof m.upstream !== 'string') fail(`models.${name}.upstream must be a model ref such as openai:gpt-4.1`);
    let upstream: ModelRef;
    try {
      upstream = parseModelRef(m.upstream);
    } catch (err) {
      return fail(`models.${name}.upstream: ${(err as Error).message}`);
    }
    if (upstream.provider === 'llamacpp' && !isAbsolute(upstream.model)) upstream = { ...upstream, model: resolve(baseDir, upstream.model) };
    if (m.variant !== undefined && (typeof m.variant !== 'string' || !m.variant)) fail(`models.${name}.variant must be a label`);
    if (m.apiKeyEnv !== undefined && (typeof m.apiKeyEnv !== 'string' || !m.apiKeyEnv)) fail(`models.${name}.apiKeyEnv must be a variable name`);
    models.set(name, { name, upstream, variant: m.variant, apiKeyEnv: m.apiKeyEnv });
  }

  const positiveInt = (key: string, fallback: number): number => {
    const v = raw[key] ?? fallback;
    if (!Number.isInteger(v) || v < 1) fail(`${key} must be a whole number of at least 1`);
    return v;
  };
  const adminKeyEnv = raw.adminKeyEnv ?? DEFAULT_ADMIN_KEY_ENV;
  if (typeof adminKeyEnv !== 'string' || !adminKeyEnv) fail('adminKeyEnv must be a variable name');
  if (raw.storeBodies !== undefined && typeof raw.storeBodies !== 'boolean') fail('storeBodies must be true or false');

  return {
    listen: { host, port },
    store: storeConfig,
    ...(raw.redis ? { redis: raw.redis as string } : {}),
    adminKeyEnv,
    ...(Object.fromEntries(Object.entries(LIMITS).map(([k, v]) => [k, positiveInt(k, v)])) as Record<keyof typeof LIMITS, number>),
    storeBodies: raw.storeBodies ?? true,
    models,
    audit: raw.audit,
    monitor: raw.monitor,
  };
}
