import type { Content, ThinkingConfig } from '@google/genai';
import type { GenerateRequest } from '../../core/generation.js';
import type { ChatMessage } from '../../core/messages.js';

/** Generation settings as the SDK names them (it nests them under `generationConfig` on the wire). */
export interface GoogleSettings {
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
  seed?: number;
  stopSequences?: string[];
  thinkingConfig?: ThinkingConfig;
}

/** Recorded as Generation.request alongside the model; Gemini has no reasoning-effort knob here. */
export function googleSettings(req: GenerateRequest): GoogleSettings {
  const p = req.params;
  const out: GoogleSettings = {};
  if (p.temperature !== undefined) out.temperature = p.temperature;
  if (p.topP !== undefined) out.topP = p.topP;
  if (p.maxTokens !== undefined) out.maxOutputTokens = p.maxTokens;
  if (p.seed !== undefined) out.seed = p.seed;
  if (p.stop?.length) out.stopSequences = p.stop;
  // Budget 0 turns thinking off; -1 lets the model decide how much to think.
  if (p.thinking) out.thinkingConfig = { thinkingBudget: p.thinking.enabled ? p.thinking.budgetTokens ?? -1 : 0 };
  return out;
}

/** System and developer messages become `systemInstruction`; assistant turns are role `model`. */
export function googleContents(messages: ChatMessage[]): { systemInstruction?: string; contents: Content[] } {
  const instructions = messages.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => m.content);
  const contents = messages
    .filter((m) => m.role === 'user' || m.role === 'assistant')
    .map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.content }] }));
  return { ...(instructions.length ? { systemInstruction: instructions.join('\n\n') } : {}), contents };
}
