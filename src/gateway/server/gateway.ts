import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicMessagesWire } from '../anthropic/messages-wire.js';
import type { GatewayConfig } from '../config.js';
import { type AuditSink, type BodyStore, type TrafficMonitor, discardBodies, noMonitor } from '../hooks.js';
import { openAIChatWire } from '../openai/chat-wire.js';
import { MemoryQuotaStore } from '../quota/memory-quota-store.js';
import type { QuotaStore } from '../quota/quota-store.js';
import type { GatewayStore } from '../store/gateway-store.js';
import { buildUpstreams } from '../upstream/build-upstreams.js';
import { handleAdmin } from './admin-routes.js';
import { AuditTrail } from './audit-trail.js';
import { type AuditExporter, type AuditProofHandler, auditRoutes } from './audit-route.js';
import type { GatewayContext } from './context.js';
import { handleCall } from './handle-call.js';
import { handleModels, handleNotFound } from './models-route.js';
import { boundConnections } from './connection-limits.js';
import { OpenStreams } from './open-streams.js';
import type { Reply } from './reply.js';
import { isClientAbort, readBody, sendBody } from './respond.js';
import type { Wire } from './wire.js';

/** What a gateway is made of; the lead wires the real audit log and monitor in here. */
export interface GatewayParts {
  config: GatewayConfig;
  store: GatewayStore;
  audit: AuditSink;
  /** Default: in-memory (one gateway process). */
  quota?: QuotaStore;
  /** Default: bodies are hashed but not kept. */
  bodies?: BodyStore;
  /** Default: no monitoring. */
  monitor?: TrafficMonitor;
  /** Serves signed checkpoints and proofs under /audit/ (default: none). */
  auditProofs?: AuditProofHandler;
  /** Serves the whole log to the admin, GET /audit/export (default: none). */
  auditExport?: AuditExporter;
  /** Where upstream keys and the admin key are read. Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Operational log (one line each; never keys or bodies). Default: stderr. */
  log?: (line: string) => void;
  now?: () => number;
}

export interface Gateway {
  readonly server: http.Server;
  readonly context: GatewayContext;
  /** Starts listening (default: the config's host and port); resolves to `http://host:port`. */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops accepting, ends idle connections, closes providers. Does not close the store. */
  close(): Promise<void>;
}

/**
 * The exchange gateway on node:http, no framework: OpenAI `POST /v1/chat/completions`,
 * Anthropic `POST /v1/messages`, `GET /v1/models`, the admin API under /admin/ and audit proofs
 * under /audit/. node:http bounds the request head (size and time) and the whole request's time;
 * connections are bounded in total and per client address.
 */
export function createGateway(parts: GatewayParts): Gateway {
  const env = parts.env ?? process.env;
  const log = parts.log ?? ((line: string) => process.stderr.write(`gateway: ${line}\n`));
  const upstreams = buildUpstreams(parts.config, env);
  const context: GatewayContext = {
    config: parts.config,
    store: parts.store,
    quota: parts.quota ?? new MemoryQuotaStore(),
    trail: new AuditTrail(parts.audit, parts.bodies ?? discardBodies, parts.config.storeBodies, log),
    monitor: parts.monitor ?? noMonitor,
    upstreams: upstreams.table,
    callsInFlight: 0,
    streams: new OpenStreams(parts.store, parts.config.revocationWindowMs, parts.now ?? Date.now),
    env,
    log,
    now: parts.now ?? Date.now,
  };

  const callWire = (method: string | undefined, path: string): Wire | undefined =>
    method !== 'POST' ? undefined : path === '/v1/chat/completions' ? openAIChatWire : path === '/v1/messages' ? anthropicMessagesWire : undefined;
  const onInternalError = (handled: Promise<void>, method: string | undefined, path: string, res: Reply) => {
    handled.catch((err: Error) => {
      // A client that went away mid-request is not the gateway's failure.
      if (!isClientAbort(err)) log(`internal error on ${method} ${path}: ${err.message}`);
      if (!res.headersSent) sendBody(res, 500, JSON.stringify({ error: { message: 'internal error', type: 'server_error', param: null, code: 'internal_error' } }), {});
      else res.destroy();
    });
  };

  const audit = parts.auditProofs ? auditRoutes(context, parts.auditProofs, parts.auditExport) : undefined;
  const c = parts.config;
  const server = http.createServer(
    {
      noDelay: true, keepAliveTimeout: 65_000, headersTimeout: c.headersTimeoutMs, requestTimeout: c.requestTimeoutMs, maxHeaderSize: c.maxHeaderBytes,
      // node checks the two timeouts on this interval (default 30 s, later than a 20 s headersTimeout means).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(Math.min(c.headersTimeoutMs, c.requestTimeoutMs) / 4))),
    },
    (req, res) => {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const path = q < 0 ? url : url.slice(0, q);
      const wire = callWire(req.method, path);
      let handled: Promise<void>;
      if (wire) handled = handleCall(context, wire, { headers: req.headers, body: (limit) => readBody(req, limit) }, res);
      else if (req.method === 'GET' && path === '/v1/models') handled = handleModels(context, req, res);
      else if (path === '/admin' || path.startsWith('/admin/')) handled = handleAdmin(context, req, res, path);
      else if (audit && path.startsWith('/audit/')) handled = audit(req, res, new URL(url, 'http://gateway'));
      else handled = handleNotFound(context, req, res);
      onInternalError(handled, req.method, path, res);
    },
  );
  server.maxConnections = c.maxConnections;
  boundConnections(server, c.maxConnectionsPerClient);

  return {
    server,
    context,
    listen(port = parts.config.listen.port, host = parts.config.listen.host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const a = server.address() as AddressInfo;
          resolve(`http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`);
        });
      });
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Streams still open after a grace period are cut; their accounting runs on 'close'.
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      });
      context.streams.close();
      await upstreams.close();
    },
  };
}
