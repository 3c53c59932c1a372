/** Rows as SQLite returns them, and their mapping onto the run record's shapes. */
import type { Generation } from '../core/generation.js';
import type { RunRecord, RunStatus, StoredGeneration } from './records.js';
import { liveStatus } from './run-liveness.js';

export interface RunRow {
  id: string; created_at: string; finished_at: string | null; status: string; suite: string; suite_version: string; config: string;
  stop_reason: string | null; owner_pid: number | null; owner_host: string | null; heartbeat_at: string | null;
  expected_samples: string | null;
}

export interface RawGeneration {
  role: string; model_ref: string; messages: string; request: string; text: string; refusal: string | null; stop_reason: string | null;
  input_tokens: number; output_tokens: number; reasoning_tokens: number | null; latency_ms: number; returned_model: string | null; cached: number;
  gateway: string | null;
}

export function toRunRecord<C>(r: RunRow): RunRecord<C> {
  const owner = r.owner_pid !== null && r.owner_host !== null && r.heartbeat_at !== null
    ? { pid: r.owner_pid, host: r.owner_host, heartbeatAt: r.heartbeat_at }
    : null;
  const { status, stopReason } = liveStatus({ status: r.status as RunStatus, stopReason: r.stop_reason, owner });
  return {
    id: r.id, createdAt: r.created_at, finishedAt: r.finished_at, status, stopReason, owner,
    expectedSamples: r.expected_samples ? (JSON.parse(r.expected_samples) as Record<string, number>) : null,
    suite: r.suite, suiteVersion: r.suite_version, config: JSON.parse(r.config) as C,
  };
}

export function toStoredGeneration(r: RawGeneration): StoredGeneration {
  return {
    role: r.role as StoredGeneration['role'],
    modelRef: r.model_ref,
    messages: JSON.parse(r.messages) as StoredGeneration['messages'],
    generation: {
      text: r.text, refusal: r.refusal, stopReason: r.stop_reason,
      usage: { inputTokens: r.input_tokens, outputTokens: r.output_tokens, ...(r.reasoning_tokens !== null ? { reasoningTokens: r.reasoning_tokens } : {}) },
      latencyMs: r.latency_ms, returnedModel: r.returned_model, request: JSON.parse(r.request) as Record<string, unknown>,
      cached: r.cached === 1,
      ...(r.gateway !== null ? { gateway: JSON.parse(r.gateway) as Generation['gateway'] } : {}),
    },
  };
}
