/**
 * What replaying a kept call takes and gives (models/replay.ts picks the provider's replayer):
 * the kept bytes in, what the provider's readers make of them out, and a fetch that answers the
 * SDK with the recorded reply.
 */
import type { Usage } from '../core/generation.js';
import type { ChatMessage } from '../core/messages.js';

export interface CapturedCall {
  requestBody: Buffer;
  responseBody: Buffer;
  stream: boolean;
}

export interface ReplayedCall {
  text: string;
  refusal: string | null;
  stopReason: string | null;
  returnedModel: string | null;
  usage: Usage;
  /** The request's wire parameters without its messages: what Generation.request records. */
  request: Record<string, unknown>;
  /** Whether the request carried exactly these messages (as the provider sends them). */
  sentMessages(messages: ChatMessage[]): boolean;
}

export type Replayer = (call: CapturedCall) => Promise<ReplayedCall>;

/** A fetch that answers any request with the recorded reply. */
export function recordedFetch(call: CapturedCall): typeof fetch {
  return (async () => new Response(new Uint8Array(call.responseBody), {
    status: 200,
    headers: { 'content-type': call.stream ? 'text/event-stream' : 'application/json' },
  })) as typeof fetch;
}

/** The request body as JSON; throws with the reason when it is not an object. */
export function requestJson(call: CapturedCall): Record<string, unknown> {
  const body = JSON.parse(call.requestBody.toString('utf8')) as unknown;
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('the kept request body is not a JSON object');
  return body as Record<string, unknown>;
}

/** Instructions are sent as `system` or `developer` as a run's params ask: either is the same message. */
export function sameMessages(a: readonly ChatMessage[], b: readonly ChatMessage[]): boolean {
  const role = (r: string) => (r === 'developer' ? 'system' : r);
  return a.length === b.length && a.every((m, i) => role(m.role) === role(b[i].role) && m.content === b[i].content);
}
