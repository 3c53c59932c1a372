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

export type RequestTraffic = Pick<TrafficRecord, 'model' | 'prompt' | 'n' | 'logprobs' | 'topLogprobs' | 'reasoningRequested'>;

const PROMPT_ROLES = new Set(['system', 'developer', 'user']);

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

function messagesText(messages: unknown): string[] {
  if (!Array.isArray(messages)) return [];
  return messages.filter((m): m is Json => isObject(m) && PROMPT_ROLES.has(String(m.role ?? 'user'))).map((m) => contentText(m.content));
}

function count(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : fallback;
}

function joined(parts: string[]): string {
  return parts.filter((p) => p.length > 0).join('\n');
}

/** From an OpenAI Chat Completions, Responses or legacy Completions request body. */
export function trafficFromOpenAIRequest(body: unknown): RequestTraffic {
  const b = isObject(body) ? body : {};
  const parts: string[] = [];
  if (typeof b.instructions === 'string') parts.push(b.instructions); // Responses
  parts.push(...messagesText(b.messages)); // Chat Completions
  if (typeof b.input === 'string') parts.push(b.input); // Responses
  else parts.push(...messagesText(b.input));
  if (typeof b.prompt === 'string') parts.push(b.prompt); // legacy Completions
  else if (Array.isArray(b.prompt)) parts.push(...b.prompt.filter((p): p is string => typeof p === 'string'));
  const prompt = joined(parts);

  const include = Array.isArray(b.include) ? b.include.map(String) : [];
  const reasoning = isObject(b.reasoning) ? b.reasoning : {};
  // legacy Completions: `logprobs` is the number of top alternatives; elsewhere it is a boolean
  const legacyLogprobs = typeof b.logprobs === 'number' ? count(b.logprobs, 0) : 0;
  const topLogprobs = Math.max(count(b.top_logprobs, 0), legacyLogprobs);
  return {
    model: typeof b.model === 'string' ? b.model : '',
    prompt,
    n: Math.max(1, count(b.n, 1), count(b.best_of, 1)),
    logprobs: b.logprobs === true || legacyLogprobs > 0 || include.includes('message.output_text.logprobs') || topLogprobs > 0,
    topLogprobs,
    reasoningRequested:
      (typeof reasoning.summary === 'string' && reasoning.summary !== 'none') ||
      include.includes('reasoning.encrypted_content') ||
      b.include_reasoning === true || // OpenAI-compatible servers (OpenRouter, vLLM) that return raw reasoning
      asksForHiddenReasoning(prompt),
  };
}

/** From an Anthropic Messages request body. */
export function trafficFromAnthropicRequest(body: unknown): RequestTraffic {
  const b = isObject(body) ? body : {};
  const prompt = joined([contentText(b.system), ...messagesText(b.messages)]);
  const thinking = isObject(b.thinking) ? b.thinking : {};
  const thinkingReturned = (thinking.type === 'enabled' || thinking.type === 'adaptive') && thinking.display !== 'omitted';
  return {
    model: typeof b.model === 'string' ? b.model : '',
    prompt,
    n: 1, // the Messages API has no n
    logprobs: false, // nor logprobs
    topLogprobs: 0,
    reasoningRequested: thinkingReturned || asksForHiddenReasoning(prompt),
  };
}
