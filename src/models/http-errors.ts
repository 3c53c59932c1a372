import { ProviderError, type ProviderErrorKind } from '../core/errors.js';
import type { ModelRef } from '../core/model-ref.js';

/**
 * Shared mapping of HTTP / network / SDK failures onto ProviderError. Each provider's own
 * errors.ts recognises its SDK's error classes and calls these; the rules live here once so the
 * three providers classify the same failure the same way.
 */
export interface ErrorContext {
  ref: ModelRef;
  /** The caller's signal: if it fired, whatever the SDK threw is a timeout. */
  signal?: AbortSignal;
  /** Strings that must never appear in a message (API keys). */
  secrets: string[];
}

/** Any headers shape the SDKs hand us: a fetch Headers, or a plain record. */
export type HeaderSource = { get(name: string): string | null } | Record<string, string | undefined> | null | undefined;

export function providerErrorFromStatus(
  status: number,
  headers: HeaderSource,
  detail: string,
  ctx: ErrorContext,
  fallbackRetryAfterMs?: number,
): ProviderError {
  const kind = kindForStatus(status);
  const retryAfterMs = kind === 'rate_limit' ? parseRetryAfterMs(headers) ?? fallbackRetryAfterMs : undefined;
  return makeError(kind, `HTTP ${status}: ${detail}`, ctx, { status, retryAfterMs });
}

export function kindForStatus(status: number): ProviderErrorKind {
  if (status === 429) return 'rate_limit';
  if (status === 401 || status === 403) return 'auth';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'server'; // includes Anthropic's 529 "overloaded"
  return 'client';
}

/** The request was aborted by the caller (the scheduler's timeout) or the SDK's own timer. */
export function timeoutError(ctx: ErrorContext): ProviderError {
  return makeError('timeout', 'request aborted: no complete answer before the timeout', ctx);
}

/**
 * Classifies an error that carries no HTTP status by walking its `cause` chain: aborts,
 * socket failures, and bodies that could not be read or parsed. Returns null for anything
 * unrecognised, so real bugs keep their stack instead of being retried as "bad responses".
 */
export function providerErrorFromCause(err: unknown, ctx: ErrorContext): ProviderError | null {
  if (ctx.signal?.aborted) return timeoutError(ctx);
  for (let e: unknown = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const { name, message, code } = e as { name?: string; message?: string; code?: string };
    if (name === 'AbortError' || name === 'TimeoutError') return timeoutError(ctx);
    if (name === 'SyntaxError') return makeError('bad_response', `unparseable response body: ${message}`, ctx);
    // undici: "terminated" = the body stopped mid-way; "fetch failed" = no response at all.
    if (message === 'terminated') return makeError('bad_response', 'response body was truncated', ctx);
    if (code && CONNECTION_CODES.has(code)) return makeError('connection', `connection failed (${code})`, ctx);
  }
  const message = (err as Error)?.message ?? '';
  if (/fetch failed|connection error|socket hang up/i.test(message)) {
    return makeError('connection', `connection failed: ${message}`, ctx);
  }
  return null;
}

const CONNECTION_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH',
  'ENETUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_CLOSED',
]);

export function badResponse(detail: string, ctx: ErrorContext): ProviderError {
  return makeError('bad_response', detail, ctx);
}

export function makeError(
  kind: ProviderErrorKind,
  detail: string,
  ctx: ErrorContext,
  extra: { status?: number; retryAfterMs?: number } = {},
): ProviderError {
  return new ProviderError(oneLine(`${ctx.ref.provider}:${ctx.ref.model}: ${detail}`, ctx.secrets), { kind, ...extra });
}

/**
 * Server wait hints: `retry-after-ms` (OpenAI, Anthropic), else `Retry-After` as seconds or
 * an HTTP date. Returns undefined when absent or unparseable.
 */
export function parseRetryAfterMs(headers: HeaderSource, now = Date.now()): number | undefined {
  const ms = Number.parseFloat(header(headers, 'retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const raw = header(headers, 'retry-after')?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(n: string): string | null }).get(name) ?? undefined;
  }
  const record = headers as Record<string, string | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  return key ? record[key] : undefined;
}

/**
 * One line, bounded length, with secrets removed. Servers sometimes echo a masked key
 * ("sk-abc***xyz"): masked tokens go too, since prefix and suffix are still key material.
 */
export function oneLine(message: string, secrets: string[], max = 400): string {
  let out = message;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  out = out.replace(/\S*\*{3,}\S*/g, '[redacted]').replace(/\s+/g, ' ').trim();
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

/** Best short description of an error body: `error.message` if the body has one. */
export function describeBody(body: unknown, fallback: string): string {
  const err = (body as { error?: unknown } | null)?.error ?? body;
  const msg = (err as { message?: unknown } | null)?.message;
  if (typeof msg === 'string' && msg) return msg;
  if (typeof err === 'string' && err) return err;
  return fallback;
}
