import { ProviderError, RunInterrupted, UsageError } from '../core/errors.js';
import type { GenerateParams, Generation, Usage } from '../core/generation.js';
import type { ChatMessage } from '../core/messages.js';
import type { Provider } from '../models/provider.js';
import { DEFAULT_BACKOFF, retryDelayMs, type BackoffOptions } from './backoff.js';
import { responseCacheKey, type ResponseCache } from './response-cache.js';
import { Fifo, RateGate, systemClock, TokenBucket, type Clock } from './token-bucket.js';

export interface SchedulerLimits {
  /** Provider calls in flight at once for this key. */
  concurrency: number;
  /** Requests per minute (attempts, so retries count). */
  rpm?: number;
  /** Input + output tokens per minute. */
  tpm?: number;
  /** Per attempt. */
  timeoutMs: number;
  /** Retries after the first attempt (0 = try once). */
  maxRetries: number;
}

export interface RetryInfo {
  model: string;
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  error: ProviderError;
}

/** One provider attempt finished, or a request was answered from the cache. */
export interface CallInfo {
  model: string;
  /** 1 for the first attempt; 0 for a cache hit. */
  attempt: number;
  cached: boolean;
  ms: number;
  usage?: Usage;
  error?: unknown;
}

export interface SchedulerEvents {
  onRetry?(info: RetryInfo): void;
  onCall?(info: CallInfo): void;
}

export interface SchedulerStats {
  /** generate() calls waiting for a concurrency slot. */
  queued: number;
  /** Provider attempts running now. */
  inFlight: number;
  /** Provider attempts started (a retried request counts once per attempt). */
  calls: number;
  retries: number;
  /** generate() calls that failed for good. */
  errors: number;
  cacheHits: number;
  inputTokens: number;
  outputTokens: number;
}

export interface SchedulerOptions {
  cache?: ResponseCache;
  events?: SchedulerEvents;
  /** Injectable time for tests; defaults to the real clock. Timeouts always use real timers. */
  clock?: Clock;
  /** Jitter source in [0, 1). */
  random?: () => number;
  backoff?: Partial<BackoffOptions>;
  /** Output tokens assumed for the tpm reservation when params.maxTokens is unset. */
  defaultOutputTokens?: number;
}

export interface SchedulerRequest {
  messages: ChatMessage[];
  params: GenerateParams;
}

export interface CallOptions {
  useCache: boolean;
  epoch: number;
  /** Ends the call at once, waiting or in flight (Ctrl-C): it rejects with RunInterrupted. */
  signal?: AbortSignal;
  /** Told of each retry of this call (progress counts them per target). */
  onRetry?(info: RetryInfo): void;
}

interface Lane {
  provider: Provider;
  limits: SchedulerLimits;
  slots: Semaphore;
  gate?: RateGate;
  stats: SchedulerStats;
}

/**
 * Every model call goes through here: per-key concurrency, rpm/tpm budgets, a timeout per
 * attempt, retries with backoff, and the response cache. Keys are model spec labels, so the
 * same model used as target and judge can have separate limits.
 */
export class Scheduler {
  private readonly lanes = new Map<string, Lane>();
  private readonly cache?: ResponseCache;
  private readonly events: SchedulerEvents;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly backoff: BackoffOptions;
  private readonly defaultOutputTokens: number;

  constructor(opts: SchedulerOptions = {}) {
    this.cache = opts.cache;
    this.events = opts.events ?? {};
    this.clock = opts.clock ?? systemClock;
    this.random = opts.random ?? Math.random;
    this.backoff = { ...DEFAULT_BACKOFF, ...opts.backoff };
    this.defaultOutputTokens = opts.defaultOutputTokens ?? 1024;
  }

  add(key: string, provider: Provider, limits: SchedulerLimits): void {
    if (this.lanes.has(key)) throw new Error(`scheduler: "${key}" is already registered`);
    checkLimits(key, limits);
    const rpm = limits.rpm ? new TokenBucket(limits.rpm, this.clock) : undefined;
    const tpm = limits.tpm ? new TokenBucket(limits.tpm, this.clock) : undefined;
    this.lanes.set(key, {
      provider,
      limits,
      slots: new Semaphore(limits.concurrency),
      gate: rpm || tpm ? new RateGate(this.clock, rpm, tpm) : undefined,
      stats: { queued: 0, inFlight: 0, calls: 0, retries: 0, errors: 0, cacheHits: 0, inputTokens: 0, outputTokens: 0 },
    });
  }

  has(key: string): boolean {
    return this.lanes.has(key);
  }

  /**
   * One logical call. Resolves with the generation (`cached: true` when from the cache). With
   * `opts.signal`, an abort ends it at once wherever it is (queued, in flight, backing off).
   */
  generate(key: string, req: SchedulerRequest, opts: CallOptions): Promise<Generation> {
    const { signal } = opts;
    if (!signal) return this.generateNow(key, req, opts);
    if (signal.aborted) return Promise.reject(interrupted(signal));
    let onAbort!: () => void;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(interrupted(signal));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    return Promise.race([this.generateNow(key, req, opts), aborted]).finally(() => signal.removeEventListener('abort', onAbort));
  }

  private async generateNow(key: string, req: SchedulerRequest, opts: CallOptions): Promise<Generation> {
    const lane = this.lane(key);
    const cacheKey = opts.useCache && this.cache ? this.cacheKey(lane.provider, req, opts.epoch) : undefined;
    if (cacheKey !== undefined) {
      const hit = this.cache!.get(cacheKey);
      if (hit) {
        lane.stats.cacheHits++;
        this.events.onCall?.({ model: key, attempt: 0, cached: true, ms: 0, usage: hit.usage });
        return { ...hit, cached: true };
      }
    }

    const slot = lane.slots.acquire();
    if (slot) {
      lane.stats.queued++;
      await slot;
      lane.stats.queued--;
    }
    let generation: Generation;
    try {
      generation = await this.withRetries(key, lane, req, opts);
    } catch (err) {
      lane.stats.errors++;
      throw err;
    } finally {
      lane.slots.release();
    }
    if (cacheKey !== undefined) this.cache!.set(cacheKey, generation);
    return generation;
  }

  stats(key: string): SchedulerStats {
    return { ...this.lane(key).stats };
  }

  /** Closes every registered provider (each once), even if some fail; rethrows the first failure. */
  async close(): Promise<void> {
    const providers = new Set([...this.lanes.values()].map((l) => l.provider));
    const results = await Promise.allSettled([...providers].map((p) => p.close?.()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  // The concurrency slot is held during backoff on purpose: when a server pushes back, the
  // whole key slows down instead of other calls piling onto it.
  private async withRetries(key: string, lane: Lane, req: SchedulerRequest, opts: CallOptions): Promise<Generation> {
    for (let retry = 0; ; retry++) {
      if (opts.signal?.aborted) throw interrupted(opts.signal);
      try {
        return await this.attempt(key, lane, req, retry + 1, opts.signal);
      } catch (err) {
        if (!(err instanceof ProviderError) || !err.retryable || retry >= lane.limits.maxRetries || opts.signal?.aborted) throw err;
        const delayMs = retryDelayMs(retry, err.retryAfterMs, this.backoff, this.random);
        lane.stats.retries++;
        const info = { model: key, attempt: retry + 1, delayMs, error: err };
        this.events.onRetry?.(info);
        opts.onRetry?.(info);
        await this.clock.sleep(delayMs);
      }
    }
  }

  private async attempt(key: string, lane: Lane, req: SchedulerRequest, attempt: number, signal?: AbortSignal): Promise<Generation> {
    const { stats, gate } = lane;
    let promptTokens = 0;
    let reserved = 0;
    if (gate) {
      if (gate.tpm) {
        promptTokens = estimatePromptTokens(req.messages);
        reserved = promptTokens + (req.params.maxTokens ?? this.defaultOutputTokens);
      }
      const wait = gate.acquire(reserved);
      if (wait) await wait;
    }
    if (signal?.aborted) {
      gate?.settle(reserved, 0);
      throw interrupted(signal);
    }
    stats.calls++;
    stats.inFlight++;
    const started = performance.now();
    try {
      const generation = await callWithTimeout(key, lane.provider, req, lane.limits.timeoutMs, signal);
      const { inputTokens, outputTokens } = generation.usage;
      stats.inputTokens += inputTokens;
      stats.outputTokens += outputTokens;
      const used = inputTokens + outputTokens;
      gate?.settle(reserved, Number.isFinite(used) ? used : reserved);
      this.events.onCall?.({ model: key, attempt, cached: false, ms: performance.now() - started, usage: generation.usage });
      return generation;
    } catch (err) {
      // A failed call most likely produced no output; charge for the prompt we sent.
      gate?.settle(reserved, promptTokens);
      this.events.onCall?.({ model: key, attempt, cached: false, ms: performance.now() - started, error: err });
      throw err;
    } finally {
      stats.inFlight--;
    }
  }

  private cacheKey(provider: Provider, req: SchedulerRequest, epoch: number): string {
    const { provider: name, model, baseUrl } = provider.ref;
    return responseCacheKey({ provider: name, model, baseUrl, params: req.params, messages: req.messages, epoch });
  }

  private lane(key: string): Lane {
    const lane = this.lanes.get(key);
    if (!lane) throw new Error(`scheduler: no provider registered as "${key}"`);
    return lane;
  }
}

/**
 * One attempt with a deadline. The provider gets the abort signal, but the race means a
 * provider that ignores it still cannot hang the run.
 */
function callWithTimeout(key: string, provider: Provider, req: SchedulerRequest, timeoutMs: number, stop?: AbortSignal): Promise<Generation> {
  const controller = new AbortController();
  // An interrupted run aborts the provider's request too, so nothing is left running behind it.
  const onStop = () => controller.abort(interrupted(stop!));
  stop?.addEventListener('abort', onStop, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new ProviderError(`${key}: no answer within ${timeoutMs} ms`, { kind: 'timeout' });
      reject(err); // before abort(), so this error wins over whatever the provider throws on abort
      controller.abort(err);
    }, timeoutMs);
  });
  let call: Promise<Generation>;
  try {
    call = provider.generate({ messages: req.messages, params: req.params, signal: controller.signal });
  } catch (err) {
    call = Promise.reject(err);
  }
  return Promise.race([call, deadline]).finally(() => {
    clearTimeout(timer);
    stop?.removeEventListener('abort', onStop);
  });
}

function interrupted(signal: AbortSignal): RunInterrupted {
  return new RunInterrupted(signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'interrupted'));
}

/** About four characters per token: close enough to reserve budget that is settled afterwards. */
function estimatePromptTokens(messages: ChatMessage[]): number {
  let chars = 0;
  for (const m of messages) chars += m.content.length;
  return Math.ceil(chars / 4);
}

function checkLimits(key: string, l: SchedulerLimits): void {
  const positiveInt = (v: number) => Number.isInteger(v) && v > 0;
  const bad = (what: string) => new UsageError(`${key}: ${what}`);
  if (!positiveInt(l.concurrency)) throw bad(`concurrency must be a whole number >= 1, got ${l.concurrency}`);
  if (!(l.timeoutMs > 0)) throw bad(`timeout must be > 0 ms, got ${l.timeoutMs}`);
  if (!Number.isInteger(l.maxRetries) || l.maxRetries < 0) throw bad(`retries must be a whole number >= 0, got ${l.maxRetries}`);
  if (l.rpm !== undefined && !(l.rpm > 0)) throw bad(`rpm must be > 0, got ${l.rpm}`);
  if (l.tpm !== undefined && !(l.tpm > 0)) throw bad(`tpm must be > 0, got ${l.tpm}`);
}

/** FIFO counting semaphore; a released slot passes straight to the next waiter. */
class Semaphore {
  private active = 0;
  private readonly waiters = new Fifo<() => void>();

  constructor(private readonly limit: number) {}

  /** Undefined when a slot was free (no await needed), else resolves when one is handed over. */
  acquire(): Promise<void> | undefined {
    if (this.active < this.limit) {
      this.active++;
      return undefined;
    }
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.active--;
  }
}
