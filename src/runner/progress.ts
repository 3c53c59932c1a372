/** Live counters for one model in a run; the CLI renders them as a progress bar. */
export interface ModelProgress {
  label: string;
  total: number;
  /** Finished before this process started (resume). */
  skipped: number;
  done: number;
  errors: number;
  /** Retries of this model's samples' calls (its judges' and simulated user's too). */
  retries: number;
  /** Calls of this model's samples running or waiting for a slot now. */
  inFlight: number;
  /** How long the oldest of those has waited, in ms (0 with none). */
  oldestWaitMs: number;
  inputTokens: number;
  outputTokens: number;
  startedAt: number;
  /** Set when the model's work was stopped before its samples were all tried: why, short ("10 × HTTP 500 in a row"). */
  stopped?: string;
}

export function newProgress(label: string, total: number, skipped: number, now = Date.now()): ModelProgress {
  return { label, total, skipped, done: 0, errors: 0, retries: 0, inFlight: 0, oldestWaitMs: 0, inputTokens: 0, outputTokens: 0, startedAt: now };
}

/** Seconds left at the current rate, or undefined before there is a rate. */
export function etaSeconds(p: ModelProgress, now = Date.now()): number | undefined {
  const finished = p.done + p.errors;
  const left = p.total - p.skipped - finished;
  if (left <= 0) return 0;
  const elapsed = (now - p.startedAt) / 1000;
  if (finished === 0 || elapsed <= 0) return undefined;
  return (left * elapsed) / finished;
}
