import type { QuotaStore } from '../quota/quota-store.js';
import { RedisQuotaStore, type RedisQuotaStoreOptions } from '../quota/redis-quota-store.js';
import type { GatewayStore } from './gateway-store.js';
import { PostgresGatewayStore } from './postgres-gateway-store.js';

export interface ProductionPartsOptions {
  /** `postgres://user:pass@host:5432/db`: grants, key hashes, usage totals. */
  postgresUrl: string;
  /** `redis://host:6379`: rate limits, tokens held and calls in flight, shared by all gateways. Absent = in-memory quotas (one gateway process only). */
  redisUrl?: string;
  /** Operational errors of idle connections (never contain keys). */
  onError?: (err: Error) => void;
  redis?: Omit<RedisQuotaStoreOptions, 'onError'>;
}

export interface ProductionParts {
  store: GatewayStore;
  /** Undefined when no redisUrl was given (the gateway then keeps quotas in memory). */
  quotas: QuotaStore | undefined;
  close(): Promise<void>;
}

/**
 * The storage of a gateway that runs as several instances: grants and usage in Postgres, live
 * quota state in Redis. Instances built from the same URLs enforce one global quota and see a
 * revocation on their next request. Fails (ConfigError) if either server cannot be reached.
 */
export async function createProductionParts(opts: ProductionPartsOptions): Promise<ProductionParts> {
  const store = await PostgresGatewayStore.connect(opts.postgresUrl, { onError: opts.onError });
  let quotas: RedisQuotaStore | undefined;
  if (opts.redisUrl) {
    try {
      quotas = await RedisQuotaStore.connect(opts.redisUrl, { ...opts.redis, onError: opts.onError });
    } catch (err) {
      await store.close();
      throw err;
    }
  }
  return {
    store,
    quotas,
    async close() {
      await Promise.allSettled([store.close(), quotas?.close()]);
    },
  };
}
