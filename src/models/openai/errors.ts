import OpenAI from 'openai';
import { ProviderError } from '../../core/errors.js';
import {
  type ErrorContext,
  describeBody,
  makeError,
  providerErrorFromCause,
  providerErrorFromStatus,
  timeoutError,
} from '../http-errors.js';

/** Maps whatever the openai SDK (or our own parsing) threw onto a ProviderError. */
export function toOpenAIProviderError(err: unknown, ctx: ErrorContext): unknown {
  if (err instanceof ProviderError) return err;
  if (err instanceof OpenAI.APIUserAbortError || err instanceof OpenAI.APIConnectionTimeoutError) return timeoutError(ctx);
  if (ctx.signal?.aborted) return timeoutError(ctx);
  if (err instanceof OpenAI.APIError && typeof err.status === 'number') {
    return providerErrorFromStatus(err.status, err.headers, describeBody(err.error, err.message), ctx);
  }
  if (err instanceof OpenAI.APIConnectionError) {
    // Connection errors come first here so they are not taken for stream error events below.
    return providerErrorFromCause(err.cause, ctx) ?? makeError('connection', `connection failed: ${err.message}`, ctx);
  }
  // An `error` event or chunk inside an SSE stream: the server failed after answering 200.
  if (err instanceof OpenAI.APIError && err.status === undefined) {
    return makeError('server', `error in stream: ${describeBody(err.error, err.message)}`, ctx);
  }
  // The SDK raises a plain OpenAIError for an SSE line that is not JSON.
  if (err instanceof OpenAI.OpenAIError && /parse|JSON/i.test(err.message)) {
    return makeError('bad_response', `unparseable stream event: ${err.message}`, ctx);
  }
  return providerErrorFromCause(err, ctx) ?? err;
}
