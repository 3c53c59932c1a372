import { GatewayError } from '../server/gateway-error.js';
import type { Grant, GrantModel } from './grant.js';

/** What the policy needs to know about one call, whatever its wire format. */
export interface CallFeatures {
  model: string;
  stream: boolean;
  /** Output tokens asked for (max_tokens), if set. */
  maxOutputTokens?: number;
  /** Completions asked for (OpenAI `n`, or vLLM `best_of` if larger). */
  n: number;
  /** Any logprobs asked for: of the output (`logprobs`) or of the prompt (vLLM `prompt_logprobs`). */
  logprobs: boolean;
  /** Alternatives per token asked for: the larger of `top_logprobs` and `prompt_logprobs`. */
  topLogprobs: number;
  reasoningRequested: boolean;
  /** All system/user/assistant text, for the token estimate and the monitor. */
  promptText: string;
}

/**
 * Checks a call against its grant before anything reaches the upstream. Returns the model entry
 * (with its variant label) or throws the GatewayError to answer with.
 */
export function checkCall(grant: Grant, call: CallFeatures, body: Record<string, unknown>, nowMs: number): GrantModel {
  const refused = grantRefusal(grant, nowMs);
  if (refused) throw refused;
  const model = grant.models.find((m) => m.name === call.model);
  if (!model) {
    throw new GatewayError('not_found', 'model_not_found', `The model '${call.model}' does not exist or this grant does not cover it.`, { param: 'model' });
  }
  const p = grant.policy;
  for (const field of p.deny) {
    if (body[field] !== undefined && body[field] !== null) {
      throw new GatewayError('invalid_request', 'parameter_not_allowed', `The parameter '${field}' is not allowed by this grant.`, { param: field });
    }
  }
  if (p.maxLogprobs !== undefined) {
    if (call.topLogprobs > p.maxLogprobs) {
      throw new GatewayError('invalid_request', 'parameter_not_allowed', `top_logprobs may be at most ${p.maxLogprobs} under this grant.`, { param: 'top_logprobs' });
    }
    if (p.maxLogprobs === 0 && call.logprobs) { // logprobs true, or prompt_logprobs of any value
      throw new GatewayError('invalid_request', 'parameter_not_allowed', 'logprobs are not allowed by this grant.', { param: 'logprobs' });
    }
  }
  if (p.maxN !== undefined && call.n > p.maxN) {
    throw new GatewayError('invalid_request', 'parameter_not_allowed', `n (and best_of) may be at most ${p.maxN} under this grant.`, { param: 'n' });
  }
  const cap = grant.limits.maxTokensPerCall;
  if (cap !== undefined && call.maxOutputTokens !== undefined && call.maxOutputTokens > cap) {
    throw new GatewayError('invalid_request', 'parameter_not_allowed', `max_tokens may be at most ${cap} under this grant.`, { param: 'max_tokens' });
  }
  return model;
}

/** Request fields each policy setting reads (across both wire formats). */
const FIELDS_OF = {
  maxLogprobs: ['logprobs', 'top_logprobs', 'prompt_logprobs'],
  maxN: ['n', 'best_of'],
  maxTokensPerCall: ['max_tokens', 'max_completion_tokens'],
} as const;

/**
 * Whether the grant restricts a request field (denies it, or caps what it asks for). A value of
 * the wrong type in such a field (`"logprobs": "true"` under max-logprobs 0) is refused by the
 * strict schema, and is an attempt at what the grant forbids, as a value over the cap would be.
 */
export function grantRestricts(grant: Grant, field: string): boolean {
  const p = grant.policy;
  return (
    p.deny.includes(field) ||
    (p.maxLogprobs !== undefined && (FIELDS_OF.maxLogprobs as readonly string[]).includes(field)) ||
    (p.maxN !== undefined && (FIELDS_OF.maxN as readonly string[]).includes(field)) ||
    (grant.limits.maxTokensPerCall !== undefined && (FIELDS_OF.maxTokensPerCall as readonly string[]).includes(field))
  );
}

/** Why a grant may not be used now (revoked, suspended, expired), or null if it may. */
export function grantRefusal(grant: Grant, nowMs: number): GatewayError | null {
  if (grant.status === 'revoked') return new GatewayError('permission', 'grant_revoked', 'This grant has been revoked.');
  if (grant.status === 'suspended') return new GatewayError('permission', 'grant_suspended', 'This grant is suspended.');
  if (grant.expiresAt && Date.parse(grant.expiresAt) <= nowMs) return new GatewayError('permission', 'grant_expired', `This grant expired at ${grant.expiresAt}.`);
  return null;
}

/** The output cap a call without max_tokens is sent with: the grant's per-call cap, else the gateway's default. */
export function outputCap(grant: Grant, defaultMaxTokens: number): number {
  return grant.limits.maxTokensPerCall ?? defaultMaxTokens;
}

/** Tokens to hold for a call: a prompt estimate (4 characters a token) plus every output token it may produce. */
export function estimateTokens(call: CallFeatures, defaultMaxTokens: number): number {
  return Math.ceil(call.promptText.length / 4) + (call.maxOutputTokens ?? defaultMaxTokens) * Math.max(1, call.n);
}
