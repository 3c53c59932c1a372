/**
 * The monitor's view of a request body: prompt text and the flags that matter for extraction,
 * read from OpenAI (Chat Completions, Responses, legacy Completions) and Anthropic (Messages)
 * request bodies. The gateway adds grantId, time and token counts to make a TrafficRecord.
 *
 * Prompt = all system / developer / user text, in order (the contract's definition); assistant
 * turns and tool results are left out: they are the model's own words or the tool's, not what
 * the grantee chose to ask. Bodies are untrusted input: anything malformed reads as empty.
 */
import type { TrafficRecord } from '../contracts.js';

export type RequestTraffic = Pick<TrafficRecord, 'model' | 'prompt' | 'n' | 'logprobs' | 'topLogprobs' | 'reasoningRequested'> &
  Required<Pick<TrafficRecord, 'system' | 'userTurns' | 'openingTurns'>>;

const SYSTEM_ROLES = new Set(['system', 'developer']);

/**
 * Prompt text that asks the model to reveal its hidden / internal / raw reasoning. Deliberately
 * narrow: "think step by step" or "explain your reasoning" is an ordinary visible answer and
 * is not matched; only asking for what is normally hidden is.
 */
const HIDDEN_REASONING =
  /\b(?:reveal|show|print|output|repeat|return|include|expose|dump|disclose|share|give|write out|copy|tell)\b[^.?!\n]{0,60}?\b(?:hidden|internal|private|raw|secret|unfiltered|unredacted|verbatim|full)\s+(?:reasoning|thoughts?|thinking|chain[-\s]of[-\s]thought|scratch\s?pad|cot|deliberations?|monologue)\b/i;

export function asksForHiddenReasoning(text: string): boolean {
  return HIDDEN_REASONING.test(text);
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Text of a content field: a string, or an array of parts with `text` (text / input_text). */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter((part): part is Json => isObject(part) && (part.type === 'text' || part.type === 'input_text') && typeof part.text === 'string')
    .map((part) => part.text as string)
    .join('\n');
}

/** System / developer text and user turns of a message list; assistant turns and tool results are left out. */
interface Parts {
  system: string[];
  user: string[];
  /** User turns before the first assistant turn. */
  opening: number;
}

function messageParts(messages: unknown, into: Parts): void {
  if (!Array.isArray(messages)) return;
  let answered = false;
  for (const m of messages) {
    if (!isObject(m)) continue;
    const role = String(m.role ?? 'user');
    if (role === 'assistant') answered = true;
    else if (SYSTEM_ROLES.has(role)) into.system.push(contentText(m.content));
    else if (role === 'user') {
      into.user.push(contentText(m.content));
      if (!answered) into.opening++;
    }
  }
}

function traffic(parts: Parts, flags: Omit<RequestTraffic, 'prompt' | 'system' | 'userTurns' | 'openingTurns' | 'reasoningRequested'>, reasoning: boolean): RequestTraffic {
  const system = joined(parts.system);
  const userTurns = parts.user.filter((t) => t.length > 0);
  const prompt = joined([system, ...userTurns]);
  return { ...flags, prompt, system, userTurns, openingTurns: Math.min(parts.opening, userTurns.length), reasoningRequested: reasoning || asksForHiddenReasoning(prompt) };
}

function count(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : fallback;
}

function joined(parts: string[]): string {
  return parts.filter((p) => p.length > 0).join('\n');
}

/**
 * Whether an OpenAI-format request asks for reasoning to be returned (the prompt-text check is
 * separate): Responses reasoning summaries and encrypted reasoning, `include_reasoning`
 * (OpenRouter, vLLM), a `reasoning` object on Chat Completions unless `exclude: true`
 * (OpenRouter returns reasoning then; OpenAI's own Chat Completions takes `reasoning_effort`,
 * which returns none), `thinking` enabled, and `chat_template_kwargs.enable_thinking` (vLLM and
 * SGLang serving Qwen-style models put the thinking in the reply).
 */
export function openAIAsksForReasoning(body: Record<string, unknown>): boolean {
  const include = Array.isArray(body.include) ? body.include.map(String) : [];
  const reasoning = isObject(body.reasoning) ? body.reasoning : undefined;
  const chat = Array.isArray(body.messages);
  const kwargs = isObject(body.chat_template_kwargs) ? body.chat_template_kwargs : {};
  return (
    (typeof reasoning?.summary === 'string' && reasoning.summary !== 'none') ||
    (chat && reasoning !== undefined && reasoning.exclude !== true) ||
    include.includes('reasoning.encrypted_content') ||
    body.include_reasoning === true ||
    thinkingReturned(body.thinking) ||
    kwargs.enable_thinking === true
  );
}

/** Anthropic-style `thinking`: returned when enabled or adaptive, unless its display is omitted. */
function thinkingReturned(thinking: unknown): boolean {
  return isObject(thinking) && (thinking.type === 'enabled' || thinking.type === 'adaptive') && thinking.display !== 'omitted';
}

/** From an OpenAI Chat Completions, Responses or legacy Completions request body. */
export function trafficFromOpenAIRequest(body: unknown): RequestTraffic {
  const b = isObject(body) ? body : {};
  const parts: Parts = { system: [], user: [], opening: 0 };
  if (typeof b.instructions === 'string') parts.system.push(b.instructions); // Responses
  messageParts(b.messages, parts); // Chat Completions
  if (typeof b.input === 'string') {
    parts.user.push(b.input); // Responses
    parts.opening++;
  } else {
    messageParts(b.input, parts);
  }
  const legacy = typeof b.prompt === 'string' ? [b.prompt] : Array.isArray(b.prompt) ? b.prompt.filter((p): p is string => typeof p === 'string') : [];
  parts.user.push(...legacy); // legacy Completions
  parts.opening += legacy.length;

  const include = Array.isArray(b.include) ? b.include.map(String) : [];
  // legacy Completions: `logprobs` is the number of top alternatives; elsewhere it is a boolean
  const legacyLogprobs = typeof b.logprobs === 'number' ? count(b.logprobs, 0) : 0;
  // vLLM's prompt_logprobs: logprobs of the prompt tokens (0: the chosen token's only), as the policy reads it
  const promptLogprobs = typeof b.prompt_logprobs === 'number';
  const topLogprobs = Math.max(count(b.top_logprobs, 0), legacyLogprobs, count(b.prompt_logprobs, 0));
  return traffic(
    parts,
    {
      model: typeof b.model === 'string' ? b.model : '',
      n: Math.max(1, count(b.n, 1), count(b.best_of, 1)),
      logprobs: b.logprobs === true || legacyLogprobs > 0 || promptLogprobs || include.includes('message.output_text.logprobs') || topLogprobs > 0,
      topLogprobs,
    },
    openAIAsksForReasoning(b),
  );
}

/** Whether an Anthropic Messages request asks for thinking to be returned (the prompt-text check is separate). */
export function anthropicAsksForReasoning(body: Record<string, unknown>): boolean {
  return thinkingReturned(body.thinking);
}

/** From an Anthropic Messages request body. */
export function trafficFromAnthropicRequest(body: unknown): RequestTraffic {
  const b = isObject(body) ? body : {};
  const parts: Parts = { system: [contentText(b.system)], user: [], opening: 0 };
  messageParts(b.messages, parts);
  // the Messages API has neither n nor logprobs
  return traffic(parts, { model: typeof b.model === 'string' ? b.model : '', n: 1, logprobs: false, topLogprobs: 0 }, anthropicAsksForReasoning(b));
}

/**
 * The monitor's record of one call that reached the upstream, read from its request body with
 * the readers above (the gateway's endpoints use the same readers for their reasoning flag).
 */
export function trafficRecordFor(
  format: 'openai' | 'anthropic',
  body: unknown,
  call: Pick<TrafficRecord, 'grantId' | 'time' | 'inputTokens' | 'outputTokens'> & { grantee?: string },
): TrafficRecord {
  const t = format === 'anthropic' ? trafficFromAnthropicRequest(body) : trafficFromOpenAIRequest(body);
  return { ...t, ...call };
}
