/**
 * Reads a call's kept bytes (GatewayEvidence) again with the provider that made it: the same SDK
 * and the same readers, fed the recorded reply instead of a live one. A bundle's verifier uses
 * it to check that a transcript says what the gateway's reply said, and that the request sent
 * was the transcript's messages with its recorded parameters (src/bundle/).
 */
import type { Replayer } from './replay-call.js';

export type { CapturedCall, ReplayedCall, Replayer } from './replay-call.js';

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
