import { ProviderError } from '../../core/errors.js';
import type { Provider } from '../../models/provider.js';
import { GatewayError } from '../server/gateway-error.js';
import type { Wire } from '../server/wire.js';
import type { Upstream, UpstreamCall, UpstreamReply } from './upstream.js';

/**
 * Reaches a model through a Crosscheck Provider (local llama.cpp models, other wire formats):
 * the request is translated into a GenerateRequest and the Generation back into the wire
 * format. Provider.generate does not stream, so a streaming request gets the whole reply as a
 * correctly formed event stream once it is ready (no token-by-token timing on this path).
 */
export function providerUpstream(provider: () => Promise<Provider>, wire: Wire, timeoutMs: number): Upstream {
  return {
    mode: 'provider',
    check: (body) => void wire.toGenerateRequest(body),
    async call(c: UpstreamCall): Promise<UpstreamReply> {
      const req = wire.toGenerateRequest(c.body);
      let p: Provider;
      try {
        p = await provider();
      } catch {
        throw new GatewayError('upstream', 'upstream_unavailable', 'The model behind the gateway could not be started.');
      }
      let gen;
      try {
        gen = await p.generate({ ...req, signal: AbortSignal.timeout(timeoutMs) });
      } catch (err) {
        throw toGatewayError(err);
      }
      const usage = { inputTokens: gen.usage.inputTokens, outputTokens: gen.usage.outputTokens };
      if (c.features.stream) {
        const events = Buffer.from(wire.generationEvents(gen, c.features.model, c.requestId, c.body));
        return { kind: 'stream', contentType: 'text/event-stream', chunks: [events], cancel: () => undefined, usage };
      }
      const body = Buffer.from(JSON.stringify(wire.generationBody(gen, c.features.model, c.requestId)));
      return { kind: 'complete', status: 200, contentType: 'application/json', body, usage, headers: {} };
    },
  };
}

/** Provider failures as the grantee should see them (messages are already one line, without keys). */
function toGatewayError(err: unknown): GatewayError {
  if (!(err instanceof ProviderError)) return new GatewayError('upstream', 'upstream_error', 'The model behind the gateway failed.');
  switch (err.kind) {
    case 'rate_limit':
      return new GatewayError('rate_limit', 'upstream_rate_limit', 'The model behind the gateway is rate limited.', {
        retryAfterS: Math.max(1, Math.ceil((err.retryAfterMs ?? 1000) / 1000)),
      });
    case 'timeout':
      return new GatewayError('timeout', 'upstream_timeout', 'The model did not answer in time.');
    case 'client':
      return new GatewayError('invalid_request', 'upstream_rejected', `The model rejected the request: ${err.message}`, { status: err.status ?? 400 });
    case 'auth':
      return new GatewayError('upstream', 'upstream_auth', "The model behind the gateway rejected the gateway's credentials.");
    default:
      return new GatewayError('upstream', 'upstream_error', 'The model behind the gateway failed.');
  }
}
