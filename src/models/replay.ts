/**
 * Reads a call's kept bytes (GatewayEvidence) again with the provider that made it: the same SDK
 * and the same readers, fed the recorded reply instead of a live one. A bundle's verifier uses
 * it to check that a transcript says what the gateway's reply said, and that the request sent
 * was the transcript's messages with its recorded parameters (src/bundle/).
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

/** Providers whose calls can go through a Crosscheck gateway, loaded lazily as in registry.ts. */
const replayers: Record<string, () => Promise<Replayer>> = {
  openai: async () => (await import('./openai/replay.js')).replayOpenAI,
  xai: async () => (await import('./openai/replay.js')).replayOpenAI,
  ollama: async () => (await import('./openai/replay.js')).replayOpenAI,
  anthropic: async () => (await import('./anthropic/replay.js')).replayAnthropic,
};

/** The replayer for a provider, or undefined when its calls cannot carry gateway evidence. */
export async function replayerFor(provider: string): Promise<Replayer | undefined> {
  return replayers[provider]?.();
}

/** A fetch that answers any request with the recorded reply (and keeps the request it was sent). */
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
