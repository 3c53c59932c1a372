import type { GenerateRequest, Generation } from '../core/generation.js';
import type { ModelRef } from '../core/model-ref.js';

/**
 * A model behind one API. Providers make exactly one attempt per call: retries, rate limits,
 * timeouts and caching belong to the scheduler (src/runner/scheduler.ts), so SDK-level retries
 * are turned off. Failures are thrown as ProviderError with the right `kind`.
 */
export interface Provider {
  readonly ref: ModelRef;
  generate(req: GenerateRequest): Promise<Generation>;
  /** Releases sockets, native memory, etc. */
  close?(): Promise<void>;
}

/** Options common to all providers, set from CLI flags. */
export interface ProviderOptions {
  /** Environment to read keys from (tests pass their own). */
  env?: NodeJS.ProcessEnv;
  /** llamacpp: CPU threads (default 1: more threads ran 100x slower on 2 cores). */
  threads?: number;
  /** HTTP providers: receive the reply as a server-sent event stream. */
  stream?: boolean;
}

export type ProviderFactory = (ref: ModelRef, opts: ProviderOptions) => Promise<Provider>;
