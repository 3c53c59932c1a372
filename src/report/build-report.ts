import type { ChartDecl, GroupDecl, HeadlineSection, MetricResult, MetricRow, OutcomeDecl, ScorerDecl, SuiteMeasures } from '../core/measures.js';
import { describeIntervalMethod } from '../metrics/interval-methods.js';
import { favourableLabels } from '../core/measures.js';
import type { ModelSpec, ModelUsage, RunConfig, RunRecord } from '../core/run-record.js';
import type { FailureCount } from '../store/records.js';
import type { RunStore } from '../store/run-store.js';
import { pluginForRun } from '../suites/index.js';
import { breakdown, computeMetrics, type MetricTable } from './compute-metrics.js';
import { epochReports, type EpochReport } from './epochs-report.js';
import { instructionRoleOf, mixedRolesNote } from './instruction-role.js';
import { outcomeCounts, type OutcomeCounts } from './outcome-counts.js';
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
  /** Models in the solver's other roles (simulated user, auditor), when the suite used them. */
  roles: { role: string; spec: ModelSpec; returnedModels: string[] }[];
  panel: RunConfig['panel'];
  /** Versions of the judge prompts used (e.g. simpleqa-grader/v1). */
  promptVersions: string[];
  /** Set when the targets sent instructions in different roles (system / developer). */
  instructionRoles: string | null;
}

export interface ModelReport {
  label: string;
  ref: string;
  params: ModelSpec['params'];
  /** The role its instructions went in (system or developer), in words (instruction-role.ts). */
  instructionRole: string;
  /** Model ids the server said answered; more than one means the model changed mid-run. */
  returnedModels: string[];
  samplesDone: number;
  samplesFailed: number;
  usage: ModelUsage | null;
  /** Every declared metric over all of the model's samples. */
  overall: MetricResult[];
  /** The same metrics per value of each grouping key (first column: all samples). */
  breakdowns: MetricTable[];
  /** Samples whose metric outcome is a human label (`crosscheck review`), not the graders'. */
  humanLabelled: number;
  /** How often each cross-check scorer agreed with the primary one (samples both labelled). */
  agreement: { scorer: string; title: string; agree: number; n: number }[];
  /** How many samples got each outcome, overall and per grouping value (what outcome bars draw). */
  outcomeCounts: OutcomeCounts;
}

/** The parts of the suite's declaration the report is laid out by (data only). */
export interface ReportLayout {
  outcomes: OutcomeDecl[];
  headline: HeadlineSection[];
  epochs: SuiteMeasures['epochs'];
  /** Grouping keys and the charts the suite declares (for reports that draw). */
  groups: GroupDecl[];
  charts: ChartDecl[];
}

/** How much of the run is there: a report on an unfinished run says how many samples are missing. */
export interface Completeness {
  /** Samples × epochs the run should finish, over all models (null for runs stored before it was kept). */
  expected: number | null;
  done: number;
  failed: number;
  /** expected − done: failed samples and those never tried (null when expected is unknown). */
  missing: number | null;
}

export interface RunReport {
  run: Pick<RunRecord, 'id' | 'suite' | 'suiteVersion' | 'status' | 'stopReason' | 'createdAt' | 'finishedAt'>;
  completeness: Completeness;
  conditions: Conditions;
  primaryScorer: string;
  /** The primary scorer's short name ("rule grader", "model grader"). */
  primaryTitle: string;
  /** What every table graded by the primary scorer must say (e.g. "a lower bound on errors"). */
  primaryCaveat: string | null;
  /** How the headline numbers were graded, in words (with the grader's caveat, if it has one). */
  gradedBy: string;
  /** The primary grader's measured agreement with human labels, when the suite measures it. */
  graderAgreement: string | null;
  /** Every interval method the numbers use, with what it is. */
  intervals: { method: string; description: string }[];
  layout: ReportLayout;
  models: ModelReport[];
  /** Judge agreement and self-preference, when a panel graded. */
  panel: PanelReport | null;
  /** Reductions across epochs and their agreement, when the run had more than one. */
  epochs: EpochReport[] | null;
  errors: { model: string; sampleId: string; epoch: number; error: string }[];
  /** Failed samples counted by model and kind of error (`HTTP 500`, `ECONNREFUSED`...). */
  failureKinds: FailureCount[];
}

/** The primary scorer of a run: the first declared scorer that ran (judged ones need judges). */
export function primaryScorerOf(measures: SuiteMeasures, config: Pick<RunConfig, 'judges'>): ScorerDecl {
  const judged = config.judges.length > 0;
  const primary = measures.scorers.find((s) => judged || !s.judged);
  if (!primary) throw new Error('a suite must declare at least one scorer that runs without judges');
  return primary;
}

export function buildReport(store: RunStore, runId: string): RunReport {
  const run = store.requireRun<RunConfig>(runId);
  const config = run.config;
  const measures = pluginForRun(config).measures;
  const usage = store.usage(runId);
  const sampleCounts = store.sampleCounts(runId);
  const primary = primaryScorerOf(measures, config);
  const crossChecks = measures.scorers.filter((s) => s.crossCheck && s.name !== primary.name && (config.judges.length > 0 || !s.judged));
  const rowsByModel = new Map<string, MetricRow[]>(config.targets.map((t) => [t.label, []]));
  for (const row of store.metricRows(runId, { primaryScorer: primary.name, scorers: measures.scorers.map((s) => s.name), groups: measures.groups.map((g) => g.key) })) {
    rowsByModel.get(row.model)?.push(row);
  }
  const ctx = { outcomes: measures.outcomes, epochs: config.epochs };
  const agreements = crossChecks.map((c) => ({ decl: c, rows: store.scorerAgreement(runId, primary.name, c.name) }));

  const models = config.targets.map((spec): ModelReport => {
    const rows = rowsByModel.get(spec.label)!;
    const count = (status: string) => sampleCounts.find((c) => c.model === spec.label && c.status === status)?.n ?? 0;
    const targetUsage = usage.find((u) => u.model === spec.label && u.role === 'target') ?? null;
    const overall = computeMetrics(rows, measures, ctx);
    return {
      label: spec.label,
      ref: spec.ref,
      params: spec.params,
      instructionRole: instructionRoleOf(spec).description,
      returnedModels: targetUsage?.returnedModels ?? [],
      samplesDone: count('done'),
      samplesFailed: count('error'),
      usage: targetUsage,
      overall,
      breakdowns: measures.groups.map((g) => breakdown(rows, g, measures, ctx, overall)),
      humanLabelled: rows.filter((r) => r.human).length,
      agreement: agreements.map(({ decl, rows: a }) => ({ scorer: decl.name, title: decl.title, ...(a.find((x) => x.model === spec.label) ?? { agree: 0, n: 0 }) })),
      outcomeCounts: outcomeCounts(rows, measures.groups),
    };
  });

  const judged = config.judges.length > 0;
  const returnedBy = (ref: string, role: string) => [...new Set(usage.filter((u) => u.role === role && u.modelRef === ref).flatMap((u) => u.returnedModels))];
  return {
    run: { id: run.id, suite: run.suite, suiteVersion: run.suiteVersion, status: run.status, stopReason: run.stopReason, createdAt: run.createdAt, finishedAt: run.finishedAt },
    completeness: completeness(run, models),
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
      judges: config.judges.map((j) => ({ ...j, returnedModels: returnedBy(j.ref, 'judge') })),
      roles: Object.entries(config.roles ?? {}).flatMap(([role, spec]) => (spec ? [{ role, spec, returnedModels: returnedBy(spec.ref, role) }] : [])),
      panel: config.panel,
      promptVersions: store.promptVersions(runId),
      instructionRoles: mixedRolesNote(config.targets),
    },
    primaryScorer: primary.name,
    primaryTitle: primary.title,
    primaryCaveat: primary.judged ? null : primary.caveat ?? null,
    gradedBy: gradedBy(primary, crossChecks, config),
    graderAgreement: primary.humanAgreement?.() ?? null,
    intervals: intervalMethods(models),
    layout: { outcomes: measures.outcomes, headline: measures.headline, epochs: measures.epochs, groups: measures.groups, charts: measures.charts ?? [] },
    models,
    epochs: config.epochs > 1 ? epochReports(rowsByModel, measures, config.epochs) : null,
    panel: judged && primary.judged
      ? panelReport(store.partScores(runId, primary.name), config.judges, config.targets, store.redactedCount(runId), {
        labels: measures.outcomes.map((o) => o.label), favourable: favourableLabels(measures.outcomes),
      })
      : null,
    errors: store.errors(runId),
    failureKinds: store.failureKinds(runId),
  };
}

function completeness(run: RunRecord, models: ModelReport[]): Completeness {
  const done = models.reduce((n, m) => n + m.samplesDone, 0);
  const failed = models.reduce((n, m) => n + m.samplesFailed, 0);
  const expected = run.expectedSamples ? models.reduce((n, m) => n + (run.expectedSamples![m.label] ?? 0), 0) : null;
  return { expected, done, failed, missing: expected === null ? null : Math.max(0, expected - done) };
}

/** "rule grader (alias match + ...)", "model grader REF, blind (...)", "a panel of 3 judges, blind, majority (...)". */
function gradedBy(primary: ScorerDecl, crossChecks: ScorerDecl[], config: RunConfig): string {
  if (!primary.judged) return primary.caveat ? `${primary.description ?? primary.title}; ${primary.caveat}` : primary.description ?? primary.title;
  const also = crossChecks.length ? ` (${crossChecks.map((c) => c.title).join(', ')} as a cross-check)` : '';
  const judges = config.judges;
  return judges.length === 1
    ? `${primary.title} ${judges[0].ref}, blind${also}`
    : `a panel of ${judges.length} judges, blind, ${config.panel.rule}${config.panel.excludeSameLab ? ', same-lab judges excluded' : ''}${also}`;
}

/** The distinct interval methods behind every number of the models' tables. */
function intervalMethods(models: ModelReport[]): { method: string; description: string }[] {
  const methods = new Set<string>();
  const add = (results: MetricResult[]) => {
    for (const r of results) if ('method' in r.value && r.value.method) methods.add(r.value.method);
  };
  for (const m of models) {
    add(m.overall);
    for (const t of m.breakdowns) for (const c of t.columns) add(c.results);
  }
  return [...methods].sort().map((method) => ({ method, description: describeIntervalMethod(method) }));
}
