import type { IncomingHttpHeaders } from 'node:http';
import type { GenerateRequest, Generation } from '../../core/generation.js';
import type { GatewayModelConfig } from '../config.js';
import type { GrantModel, GrantPolicy } from '../grants/grant.js';
import type { CallFeatures } from '../grants/policy.js';
import type { GatewayError } from './gateway-error.js';

/** Token counts as an upstream reported them (either may be missing). */
export interface ReportedUsage {
  inputTokens?: number;
  outputTokens?: number;
}

/** Reads usage out of a passing stream; counts output characters for when no usage comes. */
export interface StreamMeter {
  push(chunk: Buffer): void;
  result(): ReportedUsage & { outputChars: number };
}

/** Where and how to forward a request unchanged to an upstream that speaks the same format. */
export interface PassthroughTarget {
  url: URL;
  headers(incoming: IncomingHttpHeaders): Record<string, string>;
  /** The body to send: the grantee's, with the upstream's model name (and usage in streams). */
  body(body: Record<string, unknown>, stream: boolean): Record<string, unknown>;
}

/**
 * One wire format the gateway speaks (OpenAI chat completions, Anthropic messages): how to read
 * its requests, write its errors, count its usage, forward it, or translate it for a Provider.
 */
export interface Wire {
  readonly name: 'openai' | 'anthropic';
  /** For audit entries, e.g. `openai.chat.completions`. */
  readonly endpoint: string;
  readKey(headers: IncomingHttpHeaders): string | undefined;
  /**
   * Validates the request against the wire's schema (strict types; in the grant's allow-list mode
   * unknown fields too) and reads what the policy needs; throws a GatewayError (400) otherwise.
   */
  inspect(body: Record<string, unknown>, policy?: GrantPolicy): CallFeatures;
  /** Sets the output cap in the body sent upstream (the grantee set none). */
  setMaxTokens(body: Record<string, unknown>, maxTokens: number): void;
  errorBody(err: GatewayError): unknown;
  /** An SSE event reporting a failure after the stream began. */
  streamErrorEvent(err: GatewayError): string;
  usageOf(json: unknown): ReportedUsage | null;
  streamMeter(): StreamMeter;
  modelsBody(models: GrantModel[]): unknown;
  /** A pass-through target when the upstream speaks this format over HTTP, else null. `env` holds the model's key under its provider's usual variable. */
  passthrough(model: GatewayModelConfig, env: NodeJS.ProcessEnv): PassthroughTarget | null;
  /** Provider path: the request as a GenerateRequest; throws a GatewayError for what cannot be translated. */
  toGenerateRequest(body: Record<string, unknown>): GenerateRequest;
  generationBody(gen: Generation, model: string, requestId: string): unknown;
  /** The whole generation as this format's stream events. */
  generationEvents(gen: Generation, model: string, requestId: string, body: Record<string, unknown>): string;
}

/** `Authorization: Bearer KEY` → KEY. */
export function bearer(headers: IncomingHttpHeaders): string | undefined {
  const h = headers.authorization;
  if (!h || h.length < 8 || h.slice(0, 7).toLowerCase() !== 'bearer ') return undefined;
  return h.slice(7).trim() || undefined;
}

/** Text of a message `content`: a string or an array of `{type:'text', text}` parts; null if anything else. */
export function contentText(content: unknown): string | null {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return null;
  let out = '';
  for (const part of content) {
    if (!part || typeof part !== 'object' || (part as { type?: unknown }).type !== 'text') return null;
    const text = (part as { text?: unknown }).text;
    if (typeof text !== 'string') return null;
    out += text;
  }
  return out;
}

/** Loose text for estimates and the monitor: every string found in a content value. */
export function looseText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let out = '';
  for (const part of content) {
    const text = (part as { text?: unknown })?.text;
    if (typeof text === 'string') out += text;
  }
  return out;
}
