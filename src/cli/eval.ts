import { UsageError } from '../core/errors.js';
import type { ModelSpec, RunConfig } from '../core/run-record.js';
import { DEFAULT_STOP_AFTER_FAILURES } from '../runner/circuit-breaker.js';
import { DEFAULT_MIN_SCORED_SHARE } from '../runner/grading-check.js';
import { resumeRun, startRun } from '../runner/run.js';
import { resolveSuiteArg, SUITE_NAMES } from '../suites/index.js';
import { CROSSCHECK_VERSION } from '../core/version.js';
import { JUDGE_OPTIONS, JUDGE_HELP, judgingFromFlags, labOverrides } from './judge-flags.js';
import { parse, intFlag, numberFlag, listFlag } from './args.js';
import { MODEL_SETTINGS, modelDefaults, modelSpecs } from './model-flags.js';
import { openStore } from './store-flag.js';
import { runAndReport, SUMMARY_FORMATS } from './run-and-report.js';

const settingFlags = Object.fromEntries(
  Object.keys(MODEL_SETTINGS).filter((k) => k !== 'lab' && k !== 'cache' && k !== 'stream').map((k) => [k, { type: 'string' }] as const),
) as Record<Exclude<keyof typeof MODEL_SETTINGS, 'lab' | 'cache' | 'stream'>, { type: 'string' }>;

export const EVAL_OPTIONS = {
  model: { type: 'string', multiple: true },
  user: { type: 'string' },
  auditor: { type: 'string' },
  limit: { type: 'string' },
  category: { type: 'string', multiple: true },
  epochs: { type: 'string' },
  ...settingFlags,
  timeout: { type: 'string' },
  'max-retries': { type: 'string' },
  'confidence-target': { type: 'string' },
  threads: { type: 'string' },
  cache: { type: 'boolean' },
  stream: { type: 'boolean' },
  'stop-after-failures': { type: 'string' },
  'min-scored': { type: 'string' },
  ...JUDGE_OPTIONS,
  store: { type: 'string' },
  resume: { type: 'string' },
  quiet: { type: 'boolean' },
  format: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const settingsHelp = Object.entries(MODEL_SETTINGS)
  .map(([name, s]) => `  ${`${name}=${s.value}`.padEnd(30)} ${s.help}`)
  .join('\n');

export const EVAL_USAGE = `crosscheck eval SUITE --model [LABEL=]PROVIDER:MODEL[,SETTING=VALUE...] [--model ...] [options]
crosscheck eval --resume RUN [--store PATH]

Runs SUITE (a shipped suite: ${SUITE_NAMES.join(', ')}; or a folder with a suite.yaml) against every
--model, grades the answers and prints each model's numbers with 95% intervals. Every finished
sample is saved as it finishes; a stopped run resumes with --resume RUN.

Models
  --model [LABEL=]REF[,SETTING=VALUE...]
                                 a model to evaluate, repeatable. REF is provider:model[@base-url]
                                 (openai, anthropic, google, xai, ollama, llamacpp, scripted). LABEL
                                 names it in progress lines and reports (default: the ref), so one
                                 ref may appear twice with different settings. A SETTING overrides
                                 the flag of the same name for this model only:
${settingsHelp}
                                 e.g. --model "greedy=llamacpp:./m.gguf,temperature=0"
                                      --model "hot=llamacpp:./m.gguf,temperature=1"
  --user [LABEL=]REF[,...]       the simulated user, for suites whose solver needs one
  --auditor [LABEL=]REF[,...]    the auditor model, for suites that use one
  --lab MODEL=LAB                the lab of a model (by ref or label), repeatable; default: from the ref

Sampling and limits (defaults for every model; the settings above override per model)
  --temperature T  --top-p P  --max-tokens N  --seed N  --reasoning-effort minimal|low|medium|high
  --thinking on|off  --system-role system|developer|both
                                 both: each model twice, its instructions in the system role and in
                                 the developer role, side by side (labels end "(system role)" ...)
  --concurrency N                calls in flight at once per model (default 8)
  --rpm N  --tpm N               requests / tokens per minute per model (retries count)
  --timeout SECONDS              per call attempt (default 120)
  --max-retries N                retries of a failed call: 429, 5xx, timeouts, resets (default 6)
  --cache                        answer identical target requests from the response cache
  --stream                       stream replies (SSE) from HTTP providers
  --threads N                    CPU threads for llamacpp models (default 1)

Which samples
  --limit N                      the first N samples of the suite
  --category C                   only these categories or kinds (repeatable, or a,b)
  --epochs K                     run every sample K times; intervals are then clustered by sample
  --confidence-target T          ask the model to answer only when more than T confident (0 to 1)

Judging
${JUDGE_HELP}

When to stop, and what counts as done
  --stop-after-failures N        stop a model's work after N of its samples in a row failed with the
                                 same kind of error (default ${DEFAULT_STOP_AFTER_FAILURES}; 0 never stops)
  --min-scored SHARE             the share of each model's finished samples the primary scorer must
                                 grade, else exit 2 with the unscored reasons (default ${DEFAULT_MIN_SCORED_SHARE})

Output
  --store PATH                   the SQLite store (default .crosscheck/crosscheck.db, or $CROSSCHECK_STORE)
  --format ${SUMMARY_FORMATS.join('|')}               the printed results: tables (md, default) or the report as JSON (--json)
  --quiet                        no progress lines

Exit codes: 0 done and graded; 2 bad input, failed samples, a stopped run or too little graded
(finished samples are kept; the message says how to resume); 130 / 143 after Ctrl-C / SIGTERM.`;

export async function evalCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, EVAL_OPTIONS, 'eval');
  if (values.resume) {
    if (positionals.length || values.model) throw new UsageError('eval --resume RUN takes no suite or --model: they come from the stored run');
    const store = openStore(values.store, { mustExist: true });
    try {
      return await runAndReport(store, (hooks) => resumeRun(store, values.resume!, hooks), { quiet: values.quiet, format: values.format, json: values.json });
    } finally {
      store.close();
    }
  }
  const config = buildConfig(values, positionals);
  const store = openStore(values.store);
  try {
    return await runAndReport(store, (hooks) => startRun(store, config, hooks), { quiet: values.quiet, format: values.format, json: values.json });
  } finally {
    store.close();
  }
}

type Values = ReturnType<typeof parse<typeof EVAL_OPTIONS>>['values'];

export function buildConfig(values: Values, positionals: string[]): RunConfig {
  if (positionals.length !== 1) throw new UsageError(`eval takes one suite (a name, or a folder with a suite.yaml), e.g. crosscheck eval hallucination --model openai:gpt-4.1`);
  if (!values.model?.length) throw new UsageError('eval needs at least one --model PROVIDER:MODEL');
  const labs = labOverrides(values.lab);
  const bothRoles = (values as Record<string, unknown>)['system-role'] === 'both';
  const defaults = modelDefaults(bothRoles ? { ...values, 'system-role': undefined } : values, labs, { cache: values.cache ?? false });
  const targets = bothRoles ? inBothRoles(modelSpecs(values.model, defaults)) : modelSpecs(values.model, defaults);
  // A simulated user or an auditor, for suites whose solver needs one: any lab's model, the run's limits, its own params.
  const roleDefaults = { ...defaults, params: {} };
  const role = (flag: 'user' | 'auditor') => (values[flag] ? modelSpecs([values[flag]!], roleDefaults, flag)[0] : undefined);
  const roles = { ...(values.user ? { user: role('user') } : {}), ...(values.auditor ? { auditor: role('auditor') } : {}) };

  const suite = resolveSuiteArg(positionals[0]);
  return {
    suite: suite.name,
    ...(suite.source ? { suiteSource: suite.source } : {}),
    suiteOptions: {
      limit: intFlag(values.limit, 'limit'),
      category: listFlag(values.category),
      confidenceTarget: numberFlag(values['confidence-target'], 'confidence-target', { min: 0, max: 1 }),
    },
    epochs: intFlag(values.epochs, 'epochs') ?? 1,
    targets,
    ...(Object.keys(roles).length ? { roles } : {}),
    ...judgingFromFlags(values, defaults.limits),
    timeoutMs: (numberFlag(values.timeout, 'timeout', { min: 0.001 }) ?? 120) * 1000,
    maxRetries: intFlag(values['max-retries'], 'max-retries', { min: 0 }) ?? 6,
    threads: intFlag(values.threads, 'threads'),
    ...runChecks(values),
    crosscheckVersion: CROSSCHECK_VERSION,
  };
}

const INSTRUCTION_ROLES = ['system', 'developer'] as const;

/** `--system-role both`: each model twice, side by side; a model that sets its own role keeps it. */
function inBothRoles(specs: ModelSpec[]): ModelSpec[] {
  return specs.flatMap((spec) => (spec.params.systemRole
    ? [spec]
    : INSTRUCTION_ROLES.map((role) => ({ ...spec, label: `${spec.label} (${role} role)`, params: { ...spec.params, systemRole: role } }))));
}

/** `--stop-after-failures N` and `--min-scored SHARE`, kept with the run so a resume applies them too. */
export function runChecks(values: { 'stop-after-failures'?: string; 'min-scored'?: string }): Pick<RunConfig, 'stopAfterFailures' | 'minScoredShare'> {
  const stop = intFlag(values['stop-after-failures'], 'stop-after-failures', { min: 0 });
  const share = numberFlag(values['min-scored'], 'min-scored', { min: 0, max: 1 });
  return { ...(stop !== undefined ? { stopAfterFailures: stop } : {}), ...(share !== undefined ? { minScoredShare: share } : {}) };
}
