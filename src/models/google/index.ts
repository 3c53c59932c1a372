import { type GenerateContentResponse, GoogleGenAI } from '@google/genai';
import type { GenerateRequest, Generation } from '../../core/generation.js';
import type { ModelRef } from '../../core/model-ref.js';
import { type ErrorContext, badResponse, timeoutError } from '../http-errors.js';
import type { Provider, ProviderOptions } from '../provider.js';
import { resolveGoogleEndpoint } from './config.js';
import { toGoogleProviderError } from './errors.js';
import { googleContents, googleSettings } from './params.js';
import { type GoogleResult, readGoogleResponses } from './read.js';

/**
 * Gemini through the official @google/genai SDK (Gemini API, not Vertex). The SDK retries only
 * when `httpOptions.retryOptions` is set, and it is not: the scheduler owns retries.
 */
export async function createGoogleProvider(ref: ModelRef, opts: ProviderOptions = {}): Promise<Provider> {
  const { baseUrl, apiKey } = resolveGoogleEndpoint(ref, opts.env ?? process.env);
  // vertexai: false so GOOGLE_GENAI_USE_VERTEXAI in the environment cannot switch backends.
  const client = new GoogleGenAI({ apiKey, vertexai: false, ...(baseUrl ? { httpOptions: { baseUrl } } : {}) });
  const stream = opts.stream ?? false;

  return {
    ref,
    async generate(req: GenerateRequest): Promise<Generation> {
      const ctx: ErrorContext = { ref, signal: req.signal, secrets: [apiKey] };
      const settings = googleSettings(req);
      const { systemInstruction, contents } = googleContents(req.messages);
      // Per call, so concurrent calls do not see each other's headers (Retry-After on a 429).
      let lastHeaders: Headers | undefined;
      const fetchKeepingHeaders = async (input: RequestInfo | URL, init?: RequestInit) => {
        const res = await fetch(input, init);
        lastHeaders = res.headers;
        return res;
      };
      const config = {
        ...settings,
        ...(systemInstruction ? { systemInstruction } : {}),
        abortSignal: req.signal,
        httpOptions: { fetch: fetchKeepingHeaders },
      };
      const started = performance.now();
      let result: GoogleResult | null;
      try {
        const chunks: GenerateContentResponse[] = [];
        if (stream) {
          for await (const chunk of await client.models.generateContentStream({ model: ref.model, contents, config })) chunks.push(chunk);
        } else {
          chunks.push(await client.models.generateContent({ model: ref.model, contents, config }));
        }
        result = readGoogleResponses(chunks);
      } catch (err) {
        throw toGoogleProviderError(err, ctx, lastHeaders);
      }
      if (!result) {
        throw req.signal?.aborted ? timeoutError(ctx) : badResponse(stream ? 'stream ended before a finishReason' : 'no candidate finished and the prompt was not blocked', ctx);
      }
      return {
        text: result.text,
        refusal: result.refusal,
        stopReason: result.stopReason,
        usage: result.usage,
        latencyMs: performance.now() - started,
        returnedModel: result.model,
        // Streaming changes the endpoint, not the body; it is recorded because it is a condition.
        request: { model: ref.model, ...settings, ...(stream ? { stream: true } : {}) },
      };
    },
  };
}
