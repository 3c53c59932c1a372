import { UsageError } from '../core/errors.js';
import type { GenerateParams } from '../core/generation.js';
import { labOf } from '../core/lab.js';
import { CROSSCHECK_VERSION } from '../core/version.js';
import type { ModelSpec, RunConfig } from '../core/run-record.js';
import type { PanelOptions } from '../core/suite.js';
import { buildReport, type RunReport } from '../report/build-report.js';
import { startRun, type RunHooks, type RunOutcome } from '../runner/run.js';
import type { RunStore } from '../store/run-store.js';
import { DEFAULT_STORE_PATH, SqliteStore } from '../store/sqlite-store.js';
import { resolveSuiteArg } from '../suites/index.js';

/** A model for {@link runSuite}: a ref (`openai:gpt-4.1`), or a ref with its own label, lab and settings. */
export type ModelInput =
  | string
  | {
      ref: string;
      /** The name in the store and reports (default: the ref). */
      label?: string;
      /** The lab it comes from, for self-preference and same-lab exclusion (default: told from the ref). */
      lab?: string;
      /** Over the run's `params` for this model only. */
      params?: GenerateParams;
      /** Calls in flight at once (default: the run's `concurrency`). */
      concurrency?: number;
      rpm?: number;
      tpm?: number;
    };

export interface RunSuiteOptions {
  /** A shipped suite's name (`hallucination`) or a folder with a suite.yaml. */
  suite: string;
  /** The models evaluated (targets). */
  models: readonly ModelInput[];
  /** The judge panel; none: rule grading only. */
  judges?: readonly ModelInput[];
  /** How judges' grades combine (default: majority, same-lab judges included). */
  panel?: PanelOptions;
  /** Where results are kept: a path (default `.crosscheck/crosscheck.db`) or an open store (left open). */
  store?: string | RunStore;
  /** Samples of the suite to run (default: all), and which categories. */
  limit?: number;
  category?: string[];
  epochs?: number;
  /** Generation settings for every model (each model's `params` override them). */
  params?: GenerateParams;
  /** Calls in flight at once per model (default 8). */
  concurrency?: number;
  /** Seconds before a call is abandoned (default 120), and retries of a failed call (default 6). */
  timeoutSeconds?: number;
  maxRetries?: number;
  /** A target's work stops after this many failures in a row of one kind (default 10; 0: never). */
  stopAfterFailures?: number;
  /** The share of each model's samples the primary scorer must grade for `graded` to hold (default 0.5). */
  minScoredShare?: number;
  /** Progress, the run id once stored, and a signal that stops the run (finished samples stay). */
  hooks?: RunHooks;
}

export interface SuiteRun {
  /** How the run ended: its id (for `resumeRun` / `crosscheck eval --resume`), status, failures by kind, grading check. */
  outcome: RunOutcome;
  /** Every declared metric with its interval, and the conditions; render with `renderMarkdown` or `renderJson`. */
  report: RunReport;
}

/**
 * Runs a suite on models and returns how it ended and its report: what `crosscheck eval` does,
 * without the printing. Failed samples, a stopped run or too little graded are in `outcome`, not
 * thrown; bad input (an unknown suite or provider, a missing key) throws a `UsageError`.
 */
export async function runSuite(opts: RunSuiteOptions): Promise<SuiteRun> {
  const store = typeof opts.store === 'object' ? opts.store : new SqliteStore(opts.store ?? DEFAULT_STORE_PATH);
  try {
    const outcome = await startRun(store, runConfigOf(opts), opts.hooks);
    return { outcome, report: buildReport(store, outcome.runId) };
  } finally {
    if (store !== opts.store) store.close();
  }
}

/** The stored run configuration for these options (what `eval --resume` reads back). */
export function runConfigOf(opts: RunSuiteOptions): RunConfig {
  if (!opts.models.length) throw new UsageError('runSuite needs at least one model');
  const concurrency = opts.concurrency ?? 8;
  const spec = (m: ModelInput, params: GenerateParams): ModelSpec => {
    const input = typeof m === 'string' ? { ref: m } : m;
    return {
      label: input.label ?? input.ref,
      ref: input.ref,
      lab: input.lab ?? labOf(input.ref),
      params: { ...params, ...input.params },
      limits: { concurrency: input.concurrency ?? concurrency, ...(input.rpm ? { rpm: input.rpm } : {}), ...(input.tpm ? { tpm: input.tpm } : {}) },
      cache: false,
    };
  };
  const suite = resolveSuiteArg(opts.suite);
  return {
    suite: suite.name,
    ...(suite.source ? { suiteSource: suite.source } : {}),
    suiteOptions: { limit: opts.limit, category: opts.category },
    epochs: opts.epochs ?? 1,
    targets: opts.models.map((m) => spec(m, opts.params ?? {})),
    judges: (opts.judges ?? []).map((m) => spec(m, {})),
    panel: opts.panel ?? { rule: 'majority', excludeSameLab: false },
    timeoutMs: (opts.timeoutSeconds ?? 120) * 1000,
    maxRetries: opts.maxRetries ?? 6,
    ...(opts.stopAfterFailures !== undefined ? { stopAfterFailures: opts.stopAfterFailures } : {}),
    ...(opts.minScoredShare !== undefined ? { minScoredShare: opts.minScoredShare } : {}),
    crosscheckVersion: CROSSCHECK_VERSION,
  };
}
