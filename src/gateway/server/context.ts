import type { GatewayConfig } from '../config.js';
import type { TrafficMonitor } from '../hooks.js';
import type { QuotaStore } from '../quota/quota-store.js';
import type { GatewayStore } from '../store/gateway-store.js';
import type { UpstreamTable } from '../upstream/build-upstreams.js';
import type { AuditTrail } from './audit-trail.js';
import type { OpenStreams } from './open-streams.js';

/** Everything a request handler needs, built once per server. */
export interface GatewayContext {
  config: GatewayConfig;
  store: GatewayStore;
  quota: QuotaStore;
  trail: AuditTrail;
  monitor: TrafficMonitor;
  upstreams: UpstreamTable;
  env: NodeJS.ProcessEnv;
  /** Calls between admission and their last audit leaf: when others are in flight, their leaves are batched. */
  callsInFlight: number;
  /** Streams in flight by grant: ended when their grant is revoked, suspended or expires. */
  streams: OpenStreams;
  /** Operational log lines. Never given keys or bodies. */
  log(line: string): void;
  now(): number;
}
