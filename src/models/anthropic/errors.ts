import Anthropic from '@anthropic-ai/sdk';
import { ProviderError } from '../../core/errors.js';
import {
  type ErrorContext,
  describeBody,
  makeError,
  providerErrorFromCause,
  providerErrorFromStatus,
  timeoutError,
} from '../http-errors.js';

/** Maps whatever the Anthropic SDK (or our own parsing) threw onto a ProviderError. */
export function toAnthropicProviderError(err: unknown, ctx: ErrorContext): unknown {
  if (err instanceof ProviderError) return err;
  if (err instanceof Anthropic.APIUserAbortError || err instanceof Anthropic.APIConnectionTimeoutError) return timeoutError(ctx);
  if (ctx.signal?.aborted) return timeoutError(ctx);
  if (err instanceof Anthropic.APIError && typeof err.status === 'number') {
    return providerErrorFromStatus(err.status, err.headers, err.apiMessage ?? describeBody(err.error, err.message), ctx);
  }
  if (err instanceof Anthropic.APIConnectionError) {
    return providerErrorFromCause(err.cause, ctx) ?? makeError('connection', `connection failed: ${err.message}`, ctx);
  }
  // An `event: error` inside an SSE stream (e.g. overloaded_error): the server failed after 200.
  if (err instanceof Anthropic.APIError && err.status === undefined) {
    return makeError('server', `error in stream: ${err.apiMessage ?? describeBody(err.error, err.message)}`, ctx);
  }
  return providerErrorFromCause(err, ctx) ?? err;
}
