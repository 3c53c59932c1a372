import type { GenerateParams } from '../core/generation.js';
import type { PanelOptions, SuiteOptions } from '../core/suite.js';

/** One model in a run, as the user configured it. `label` names it in the store and reports. */
export interface ModelSpec {
  label: string;
  /** The model ref string, e.g. `openai:gpt-4.1` (refs never contain keys). */
  ref: string;
  /** The lab the model comes from (src/core/lab.ts), for self-preference and same-lab exclusion. */
  lab: string;
  params: GenerateParams;
  limits: { concurrency: number; rpm?: number; tpm?: number };
  /** Answer repeated identical requests from the response cache. */
  cache: boolean;
  /** Stream replies (SSE) from HTTP providers. */
  stream?: boolean;
}

/** Everything a run needs to start again from the store alone (`eval --resume RUN`). */
export interface RunConfig {
  suite: string;
  suiteOptions: SuiteOptions;
  epochs: number;
  targets: ModelSpec[];
  /** The judge panel; empty for rule grading only. */
  judges: ModelSpec[];
  panel: PanelOptions;
  timeoutMs: number;
  maxRetries: number;
  /** llamacpp CPU threads. */
  threads?: number;
  crosscheckVersion: string;
  /** Set for `crosscheck rescore`: grade this run's stored transcripts again; no target is called. */
  rescoredFrom?: string;
}

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const rand = Math.random().toString(36).slice(2, 6);
  return `${stamp}-${rand}`;
}
