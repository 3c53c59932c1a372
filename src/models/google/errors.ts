import { ApiError } from '@google/genai';
import { ProviderError } from '../../core/errors.js';
import {
  type ErrorContext,
  type HeaderSource,
  describeBody,
  providerErrorFromCause,
  providerErrorFromStatus,
  timeoutError,
} from '../http-errors.js';

/**
 * Maps what the @google/genai SDK threw onto a ProviderError. Its ApiError carries only the
 * status and the JSON body as its message, so response headers (Retry-After) come from the
 * fetch wrapper in index.ts; Google's own `RetryInfo.retryDelay` in the body is the fallback.
 */
export function toGoogleProviderError(err: unknown, ctx: ErrorContext, headers: HeaderSource): unknown {
  if (err instanceof ProviderError) return err;
  if (ctx.signal?.aborted) return timeoutError(ctx);
  if (err instanceof ApiError && typeof err.status === 'number') {
    const body = parseJson(err.message.replace(/^got status: \S+\. /, ''));
    return providerErrorFromStatus(err.status, headers, describeBody(body, err.message), ctx, retryDelayMs(body));
  }
  return providerErrorFromCause(err, ctx) ?? err;
}

/** `{"error":{"details":[{"@type":".../google.rpc.RetryInfo","retryDelay":"30s"}]}}` → 30000. */
function retryDelayMs(body: unknown): number | undefined {
  const details = (body as { error?: { details?: unknown } } | undefined)?.error?.details;
  if (!Array.isArray(details)) return undefined;
  for (const d of details) {
    const m = /^(\d+(?:\.\d+)?)s$/.exec(String((d as { retryDelay?: unknown })?.retryDelay ?? ''));
    if (m) return Math.round(Number(m[1]) * 1000);
  }
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
