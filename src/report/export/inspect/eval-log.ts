/**
 * The header of an Inspect EvalLog for one (suite, model) of a run: the EvalSpec (task = suite,
 * model, its params, the judges and simulated users as model roles), the plan, results (the
 * suite's declared metrics with their intervals in each metric's metadata, overall and per
 * grouping value; cross-check agreement), usage by model and role, and the run's conditions.
 */
import type { MetricResult } from '../../../core/measures.js';
import type { ModelSpec, ModelUsage, RunConfig } from '../../../core/run-record.js';
import type { ModelReport, RunReport } from '../../build-report.js';
import { pointOf } from '../../metric-point.js';
import type { InspectEvalMetric, InspectEvalScore, InspectLogHeader, InspectModelConfig, InspectModelUsage } from './inspect-types.js';
import { generateConfig } from './eval-sample.js';
import { baseUrlOf, inspectModelName, shortId } from './names.js';

export interface LogContext {
  report: RunReport;
  config: RunConfig;
  spec: ModelSpec;
  /** Every call made for this model's samples (its own, its judges', its simulated user's). */
  usage: ModelUsage[];
  /** Distinct sample ids exported, in order. */
  sampleIds: string[];
  crosscheckVersion: string;
}

export function evalId(runId: string, model: string): string {
  return shortId(`${runId}\u0000${model}`);
}

export function logHeader(ctx: LogContext): InspectLogHeader {
  const { report, config, spec } = ctx;
  const model = report.models.find((m) => m.label === spec.label)!;
  const failed = model.samplesFailed;
  const run = report.run;
  const status = run.status === 'running' ? 'started' : failed ? 'error' : 'success';
  const roles: Record<string, InspectModelConfig> = {};
  for (const j of config.judges) roles[`judge/${j.label}`] = modelConfig(j);
  for (const [role, s] of Object.entries(config.roles ?? {})) if (s) roles[role] = modelConfig(s);
  return {
    version: 2,
    status,
    eval: {
      eval_id: evalId(run.id, spec.label),
      run_id: run.id,
      created: run.createdAt,
      task: run.suite,
      task_id: shortId(`${run.id}\u0000task`),
      task_version: run.suiteVersion,
      task_attribs: {},
      task_args: { ...config.suiteOptions },
      task_args_passed: { ...config.suiteOptions },
      dataset: { name: run.suite, ...(config.suiteSource ? { location: config.suiteSource.path } : {}), samples: ctx.sampleIds.length, sample_ids: ctx.sampleIds, shuffled: false },
      model: inspectModelName(spec.ref),
      model_generate_config: generateConfig(spec.params),
      ...(baseUrlOf(spec.ref) ? { model_base_url: baseUrlOf(spec.ref) } : {}),
      model_args: {},
      ...(Object.keys(roles).length ? { model_roles: roles } : {}),
      config: { epochs: config.epochs, max_retries: config.maxRetries, fail_on_error: false },
      packages: { crosscheck: ctx.crosscheckVersion },
      metadata: { crosscheck: { model: spec.label, ref: spec.ref, lab: spec.lab, returned_models: model.returnedModels } },
      scorers: [report.primaryScorer, ...model.agreement.map((a) => a.scorer)].map((name) => ({ name, options: {}, metrics: [], metadata: {} })),
    },
    plan: { name: 'plan', steps: [{ solver: `crosscheck/${run.suite}`, params: {} }], config: generateConfig(spec.params) },
    results: {
      total_samples: model.samplesDone + model.samplesFailed,
      completed_samples: model.samplesDone,
      scores: evalScores(report, model),
      metadata: { graded_by: report.gradedBy, intervals: report.intervals },
    },
    stats: {
      started_at: run.createdAt,
      completed_at: run.finishedAt ?? '',
      model_usage: sumUsage(ctx.usage, (u) => inspectModelName(u.modelRef)),
      role_usage: sumUsage(ctx.usage, (u) => u.role),
    },
    ...(status === 'error' ? { error: { message: `${failed} samples failed after retries (crosscheck eval --resume ${run.id} retries them)`, traceback: '', traceback_ansi: '' } } : {}),
    invalidated: false,
    tags: ['crosscheck'],
    metadata: {
      crosscheck: {
        run: run.id, conditions: report.conditions, primary_scorer: report.primaryScorer, graded_by: report.gradedBy,
        caveat: report.primaryCaveat, grader_agreement: report.graderAgreement, human_labelled: model.humanLabelled,
        note: "Event timestamps are the sample's completion time: Crosscheck stores one time per sample. Score values are outcome labels; numbers are in each score's metadata.",
      },
    },
  };
}

function modelConfig(s: ModelSpec): InspectModelConfig {
  const base = baseUrlOf(s.ref);
  return { model: inspectModelName(s.ref), config: generateConfig(s.params), ...(base ? { base_url: base } : {}), args: {} };
}

/** The primary scorer's metrics overall, then per grouping value; each cross-check scorer's agreement with it. */
function evalScores(report: RunReport, model: ModelReport): InspectEvalScore[] {
  const counts = model.outcomeCounts.all;
  const unscored = counts.unscored ?? 0;
  const scored = Object.values(counts).reduce((a, b) => a + b, 0) - unscored;
  const primary: InspectEvalScore = {
    name: report.primaryScorer, scorer: report.primaryScorer, scored_samples: scored, unscored_samples: unscored, params: {},
    metrics: metrics(model.overall), metadata: { title: report.primaryTitle, outcome_counts: counts },
  };
  const groups = model.breakdowns.flatMap((t) => t.columns.filter((c) => c.value !== 'all').map((c): InspectEvalScore => {
    const groupCounts = model.outcomeCounts.groups.find((g) => g.key === t.key)?.values.find((v) => v.value === c.value)?.counts ?? {};
    const u = groupCounts.unscored ?? 0;
    return {
      name: `${report.primaryScorer} (${t.key}=${c.value})`, scorer: report.primaryScorer, scored_samples: c.rows - u, unscored_samples: u, params: {},
      metrics: metrics(c.results), metadata: { group: { key: t.key, value: c.value, title: c.title }, outcome_counts: groupCounts },
    };
  }));
  const checks = model.agreement.map((a): InspectEvalScore => ({
    name: a.scorer, scorer: a.scorer, scored_samples: a.n, unscored_samples: 0, params: {},
    metrics: a.n ? { agreement: { name: 'agreement', value: a.agree / a.n, params: {}, metadata: { agree: a.agree, n: a.n, with: report.primaryScorer } } } : {},
    metadata: { title: a.title },
  }));
  return [primary, ...groups, ...checks];
}

/** Declared metrics with a defined value; the interval, method and counts go in the metadata. */
function metrics(results: readonly MetricResult[]): Record<string, InspectEvalMetric> {
  const out: Record<string, InspectEvalMetric> = {};
  for (const r of results) {
    const p = pointOf(r.value);
    if (!p) continue;
    const v = r.value;
    out[r.name] = {
      name: r.name, value: p.value, params: {},
      metadata: {
        title: r.title, type: v.type,
        ...(p.lower !== null ? { lower: p.lower, upper: p.upper } : {}),
        ...('method' in v && v.method ? { method: v.method } : {}),
        ...(v.type === 'proportion' ? { k: v.k, n: v.n } : v.type === 'score' ? { n: v.n } : {}),
      },
    };
  }
  return out;
}

function sumUsage(rows: readonly ModelUsage[], key: (u: ModelUsage) => string): Record<string, InspectModelUsage> {
  const out: Record<string, InspectModelUsage> = {};
  for (const u of rows) {
    const t = (out[key(u)] ??= { input_tokens: 0, output_tokens: 0, total_tokens: 0 });
    t.input_tokens += u.inputTokens;
    t.output_tokens += u.outputTokens;
    t.total_tokens += u.inputTokens + u.outputTokens;
  }
  return out;
}
