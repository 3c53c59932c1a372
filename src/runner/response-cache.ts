import { sha256Hex } from '../core/sha256.js';
import type { GenerateParams, Generation } from '../core/generation.js';
import type { ChatMessage } from '../core/messages.js';

/**
 * Where the scheduler keeps successful generations, keyed by `responseCacheKey`. Synchronous
 * on purpose: the SQLite store (better-sqlite3) is synchronous and a lookup is microseconds.
 */
export interface ResponseCache {
  get(key: string): Generation | undefined;
  set(key: string, generation: Generation): void;
}

/** Everything that decides a model's answer, and nothing else (no keys, no timeouts). */
export interface CacheKeyInput {
  provider: string;
  model: string;
  baseUrl?: string;
  params: GenerateParams;
  messages: ChatMessage[];
  /** Repeats of the same request in different epochs must be separate samples, not cache hits. */
  epoch: number;
}

/** sha256 (hex) of the canonical JSON of the request. */
export function responseCacheKey(input: CacheKeyInput): string {
  const { provider, model, baseUrl, params, messages, epoch } = input;
  const canonical = canonicalJson({ provider, model, baseUrl: baseUrl ?? null, params, messages, epoch });
  return sha256Hex(canonical);
}

/**
 * JSON with every object's keys sorted, so `{a, b}` and `{b, a}` give the same text. Keys whose
 * value is undefined are dropped, as JSON.stringify does, so `{seed: undefined}` equals `{}`.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

/** A cache that lives as long as the process: for tests and runs without a store. */
export class MemoryResponseCache implements ResponseCache {
  private readonly entries = new Map<string, Generation>();

  get(key: string): Generation | undefined {
    return this.entries.get(key);
  }

  set(key: string, generation: Generation): void {
    this.entries.set(key, generation);
  }

  get size(): number {
    return this.entries.size;
  }
}
