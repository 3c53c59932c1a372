import type { Provider } from '../../models/provider.js';
import { createProvider } from '../../models/registry.js';
import { anthropicMessagesWire } from '../anthropic/messages-wire.js';
import type { GatewayConfig, GatewayModelConfig } from '../config.js';
import { openAIChatWire } from '../openai/chat-wire.js';
import { providerEnv } from '../server/upstream-key.js';
import type { Wire } from '../server/wire.js';
import { httpPassthrough } from './http-passthrough.js';
import { providerUpstream } from './provider-upstream.js';
import type { Upstream } from './upstream.js';

export const WIRES: Wire[] = [openAIChatWire, anthropicMessagesWire];

export type UpstreamTable = Map<string, Record<Wire['name'], Upstream>>;

/**
 * Every configured model in every wire format: a pass-through where the upstream speaks that
 * format over HTTP, else the Provider path. One Provider per model, created on first use (a
 * local model is loaded only when someone calls it) and shared by both formats.
 * Missing upstream keys fail here, at startup.
 */
export function buildUpstreams(config: GatewayConfig, env: NodeJS.ProcessEnv): { table: UpstreamTable; close(): Promise<void> } {
  const table: UpstreamTable = new Map();
  const providers: Promise<Provider>[] = [];
  const limits = {
    timeoutMs: config.upstreamTimeoutMs,
    maxBodyBytes: config.upstreamMaxBodyBytes,
    idleTimeoutMs: config.streamIdleTimeoutMs,
    streamTotalMs: config.streamTotalTimeoutMs,
  };
  for (const model of config.models.values()) {
    const lazy = lazyProvider(model, env, providers);
    const entry = {} as Record<Wire['name'], Upstream>;
    for (const wire of WIRES) {
      const target = wire.passthrough(model, providerEnv(model, env));
      entry[wire.name] = target ? httpPassthrough(target, wire, limits) : providerUpstream(lazy, wire, config.upstreamTimeoutMs);
    }
    table.set(model.name, entry);
  }
  return {
    table,
    async close() {
      for (const entry of table.values()) for (const u of Object.values(entry)) await u.close?.();
      for (const p of providers) await p.then((prov) => prov.close?.(), () => undefined);
    },
  };
}

function lazyProvider(model: GatewayModelConfig, env: NodeJS.ProcessEnv, all: Promise<Provider>[]): () => Promise<Provider> {
  let pending: Promise<Provider> | null = null;
  return () => {
    if (!pending) {
      pending = createProvider(model.upstream, { env: providerEnv(model, env) });
      all.push(pending);
      // A failed start (missing file, bad key) is retried on the next call rather than cached.
      pending.catch(() => {
        pending = null;
      });
    }
    return pending;
  };
}
