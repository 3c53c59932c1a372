import type Anthropic from '@anthropic-ai/sdk';
import type { GenerateRequest } from '../../core/generation.js';
import type { ChatMessage } from '../../core/messages.js';

/** The Messages API requires `max_tokens`; this is used when the caller sets none. */
export const DEFAULT_MAX_TOKENS = 1024;
/** The smallest thinking budget the API accepts. */
export const MIN_THINKING_BUDGET = 1024;

type Params = Omit<Anthropic.MessageCreateParamsNonStreaming, 'messages'>;

/**
 * Wire parameters except messages (this is also what Generation.request records; the system
 * prompt is content, so it is sent but not recorded). Anthropic has no seed or reasoning effort.
 */
export function messageParams(model: string, req: GenerateRequest, stream: boolean): Params {
  const p = req.params;
  const thinking = p.thinking;
  const budget = Math.max(MIN_THINKING_BUDGET, thinking?.budgetTokens ?? MIN_THINKING_BUDGET);
  // With thinking on, max_tokens must exceed the budget: leave room for the answer itself.
  const maxTokens = p.maxTokens ?? (thinking?.enabled ? budget + DEFAULT_MAX_TOKENS : DEFAULT_MAX_TOKENS);
  const out: Record<string, unknown> = { model, max_tokens: maxTokens };
  if (p.temperature !== undefined) out.temperature = p.temperature;
  if (p.topP !== undefined) out.top_p = p.topP;
  if (p.stop?.length) out.stop_sequences = p.stop;
  if (thinking) out.thinking = thinking.enabled ? { type: 'enabled', budget_tokens: budget } : { type: 'disabled' };
  if (stream) out.stream = true;
  return out as unknown as Params;
}

/** System and developer messages go to the top-level `system` param; the rest stay in order. */
export function splitMessages(messages: ChatMessage[]): { system?: string; messages: Anthropic.MessageParam[] } {
  const instructions = messages.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => m.content);
  const turns = messages
    .filter((m) => m.role === 'user' || m.role === 'assistant')
    .map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content }));
  return { ...(instructions.length ? { system: instructions.join('\n\n') } : {}), messages: turns };
}
