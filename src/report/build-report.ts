import type { Outcome } from '../core/outcome.js';
import { hallucinationMetrics, type HallucinationMetrics } from '../suites/hallucination/metrics.js';
import type { ModelSpec, RunConfig } from '../runner/run-config.js';
import type { ModelUsage, OutcomeCount, RunRecord } from '../store/records.js';
import type { SqliteStore } from '../store/sqlite-store.js';
import { epochReports, type EpochReport } from './epochs-report.js';
import { panelReport, type PanelReport } from './panel-report.js';

/** Everything that changes behaviour, reported with every number (DESIGN: conditions travel with results). */
export interface Conditions {
  crosscheckVersion: string;
  suite: string;
  suiteVersion: string;
  suiteOptions: RunConfig['suiteOptions'];
  epochs: number;
  startedAt: string;
  finishedAt: string | null;
  timeoutMs: number;
  maxRetries: number;
  judges: (ModelSpec & { returnedModels: string[] })[];
  panel: RunConfig['panel'];
  /** Versions of the judge prompts used (e.g. simpleqa-grader/v1). */
  promptVersions: string[];
}

export interface ModelReport {
  label: string;
  ref: string;
  params: ModelSpec['params'];
  /** Model ids the server said answered; more than one means the model changed mid-run. */
  returnedModels: string[];
  samplesDone: number;
  samplesFailed: number;
  usage: ModelUsage | null;
  /** Outcomes as the primary scorer labelled them, overall and per item kind. */
  metrics: Record<string, HallucinationMetrics>;
  /** Samples whose metric outcome is a human label (`crosscheck review`), not the graders'. */
  humanLabelled: number;
  /** How often the rule grader agreed with the model grader (only with a judge). */
  graderAgreement: { agree: number; n: number } | null;
}

export interface RunReport {
  run: Pick<RunRecord, 'id' | 'suite' | 'suiteVersion' | 'status' | 'createdAt' | 'finishedAt'>;
  conditions: Conditions;
  primaryScorer: string;
  models: ModelReport[];
  /** Judge agreement and self-preference, when a panel graded. */
  panel: PanelReport | null;
  /** Reductions across epochs and their agreement, when the run had more than one. */
  epochs: EpochReport[] | null;
  errors: { model: string; sampleId: string; epoch: number; error: string }[];
}

export const KIND_ORDER = ['all', 'answerable', 'nonexistent', 'false_premise'] as const;

export function buildReport(store: SqliteStore, runId: string): RunReport {
  const run = store.requireRun<RunConfig>(runId);
  const config = run.config;
  const usage = store.usage(runId);
  const sampleCounts = store.sampleCounts(runId);
  const judged = config.judges.length > 0;
  const primaryScorer = judged ? 'model-grader' : 'rule';
  const counts = store.effectiveOutcomeCounts(runId, primaryScorer);
  const agreement = judged ? store.scorerAgreement(runId, 'model-grader', 'rule') : [];

  const models = config.targets.map((spec): ModelReport => {
    const primary = counts.filter((c) => c.model === spec.label);
    const count = (status: string) => sampleCounts.find((c) => c.model === spec.label && c.status === status)?.n ?? 0;
    const targetUsage = usage.find((u) => u.model === spec.label && u.role === 'target') ?? null;
    return {
      label: spec.label,
      ref: spec.ref,
      params: spec.params,
      returnedModels: targetUsage?.returnedModels ?? [],
      samplesDone: count('done'),
      samplesFailed: count('error'),
      usage: targetUsage,
      metrics: metricsByKind(primary),
      humanLabelled: primary.reduce((n, c) => n + c.human, 0),
      graderAgreement: judged ? agreement.find((a) => a.model === spec.label) ?? { agree: 0, n: 0 } : null,
    };
  });

  return {
    run: { id: run.id, suite: run.suite, suiteVersion: run.suiteVersion, status: run.status, createdAt: run.createdAt, finishedAt: run.finishedAt },
    conditions: {
      crosscheckVersion: config.crosscheckVersion,
      suite: run.suite,
      suiteVersion: run.suiteVersion,
      suiteOptions: config.suiteOptions,
      epochs: config.epochs,
      startedAt: run.createdAt,
      finishedAt: run.finishedAt,
      timeoutMs: config.timeoutMs,
      maxRetries: config.maxRetries,
      judges: config.judges.map((j) => ({
        ...j,
        returnedModels: [...new Set(usage.filter((u) => u.role === 'judge' && u.modelRef === j.ref).flatMap((u) => u.returnedModels))],
      })),
      panel: config.panel,
      promptVersions: store.promptVersions(runId),
    },
    primaryScorer,
    models,
    epochs: config.epochs > 1 ? epochReports(store.sampleOutcomes(runId, primaryScorer), config.targets.map((t) => t.label), config.epochs) : null,
    panel: judged ? panelReport(store.partScores(runId, 'model-grader'), config.judges, config.targets, store.redactedCount(runId)) : null,
    errors: store.errors(runId),
  };
}

function metricsByKind(counts: OutcomeCount[]): Record<string, HallucinationMetrics> {
  const out: Record<string, HallucinationMetrics> = { all: hallucinationMetrics(expand(counts)) };
  for (const kind of KIND_ORDER.slice(1)) {
    const mine = counts.filter((c) => c.kind === kind);
    if (mine.length) out[kind] = hallucinationMetrics(expand(mine));
  }
  return out;
}

/** Counts back to a list of outcomes (shared string constants: small even for 100,000 samples). */
function expand(counts: OutcomeCount[]): Outcome[] {
  const out: Outcome[] = [];
  for (const c of counts) for (let i = 0; i < c.n; i++) out.push(c.outcome);
  return out;
}
