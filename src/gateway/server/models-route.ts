import { newRequestId } from './request-id.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { anthropicMessagesWire } from '../anthropic/messages-wire.js';
import { openAIChatWire } from '../openai/chat-wire.js';
import { type Facts, replyAudited } from './audited-reply.js';
import type { GatewayContext } from './context.js';
import { grantRefusal } from '../grants/policy.js';
import { grantForKey } from './authenticate.js';
import { GatewayError } from './gateway-error.js';
import { asGatewayError, refuse } from './handle-call.js';
import type { Wire } from './wire.js';

/** The wire format a request without a body speaks: Anthropic clients send `anthropic-version`. */
export function wireOf(req: IncomingMessage): Wire {
  return req.headers['anthropic-version'] !== undefined ? anthropicMessagesWire : openAIChatWire;
}

/** `GET /v1/models`: only the models the key's grant covers, in the asking client's format. */
export async function handleModels(g: GatewayContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const wire = wireOf(req);
  const facts: Facts = { requestId: newRequestId() };
  try {
    const found = await grantForKey(g, wire.readKey(req.headers) ?? anthropicMessagesWire.readKey(req.headers));
    const grant = found.grant;
    facts.grantId = grant.id;
    const refused = grantRefusal(grant, g.now());
    if (refused) throw refused;
    await replyAudited(g, res, {
      facts,
      requestBody: null,
      requestDetail: { endpoint: 'models', accepted: true },
      status: 200,
      body: Buffer.from(JSON.stringify(wire.modelsBody(grant.models))),
      keepResponseBody: true,
    });
  } catch (err) {
    await refuse(g, wire, res, facts, null, asGatewayError(g, err));
  }
}

/** Anything else under the grantee's routes. */
export function handleNotFound(g: GatewayContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  req.resume();
  const err = new GatewayError('not_found', 'unknown_route', `No route for ${req.method} ${(req.url ?? '/').split('?')[0]}.`);
  return refuse(g, wireOf(req), res, { requestId: newRequestId() }, null, err);
}
