import { UsageError } from '../core/errors.js';
import type { GenerateParams } from '../core/generation.js';
import { labOf } from '../core/lab.js';
import { parseModelRef } from '../core/model-ref.js';
import { PROVIDER_NAMES } from '../models/registry.js';
import type { ModelSpec, RunConfig } from '../core/run-record.js';
import { resumeRun, startRun } from '../runner/run.js';
import { resolveSuiteArg } from '../suites/index.js';
import { CROSSCHECK_VERSION } from './version.js';
import { JUDGE_OPTIONS, judgingFromFlags, labOverrides } from './judge-flags.js';
import { parse, intFlag, numberFlag, choiceFlag, listFlag } from './args.js';
import { openStore } from './store-flag.js';
import { runAndReport } from './run-and-report.js';

const INSTRUCTION_ROLES = ['system', 'developer'] as const;

const options = {
  model: { type: 'string', multiple: true },
  user: { type: 'string' },
  auditor: { type: 'string' },
  limit: { type: 'string' },
  category: { type: 'string', multiple: true },
  epochs: { type: 'string' },
  concurrency: { type: 'string' },
  rpm: { type: 'string' },
  tpm: { type: 'string' },
  timeout: { type: 'string' },
  'max-retries': { type: 'string' },
  temperature: { type: 'string' },
  'max-tokens': { type: 'string' },
  'reasoning-effort': { type: 'string' },
  thinking: { type: 'string' },
  'system-role': { type: 'string' },
  'confidence-target': { type: 'string' },
  threads: { type: 'string' },
  cache: { type: 'boolean' },
  stream: { type: 'boolean' },
  ...JUDGE_OPTIONS,
  store: { type: 'string' },
  resume: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

export const EVAL_USAGE = `crosscheck eval SUITE --model PROVIDER:MODEL [--model ...] [--judge MODEL ...] [--limit N] [--category C]
  [--epochs K] [--concurrency N] [--rpm N] [--tpm N] [--timeout SECONDS] [--max-retries N] [--temperature T]
  [--max-tokens N] [--reasoning-effort minimal|low|medium|high] [--thinking on|off] [--system-role system|developer|both]
  [--confidence-target T] [--threads N] [--cache] [--no-judge-cache] [--stream] [--store PATH] [--quiet]
  [--panel majority|unanimous|mean] [--exclude-same-lab] [--lab MODEL=LAB ...] [--user MODEL] [--auditor MODEL]
crosscheck eval --resume RUN [--store PATH]`;

export async function evalCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, options, 'eval');
  const store = openStore(values.store);
  try {
    if (values.resume) {
      if (positionals.length || values.model) throw new UsageError('eval --resume RUN takes no suite or --model: they come from the stored run');
      return await runAndReport(store, (hooks) => resumeRun(store, values.resume!, hooks), { quiet: values.quiet });
    }
    const config = buildConfig(values, positionals);
    return await runAndReport(store, (hooks) => startRun(store, config, hooks), { quiet: values.quiet });
  } finally {
    store.close();
  }
}

type Values = ReturnType<typeof parse<typeof options>>['values'];

export function buildConfig(values: Values, positionals: string[]): RunConfig {
  if (positionals.length !== 1) throw new UsageError(`eval takes one suite (a name, or a folder with a suite.yaml), e.g. crosscheck eval hallucination --model openai:gpt-4.1`);
  const models = values.model ?? [];
  if (models.length === 0) throw new UsageError('eval needs at least one --model PROVIDER:MODEL');
  if (new Set(models).size !== models.length) throw new UsageError('the same --model is given twice');
  for (const ref of [...models, ...(values.judge ?? []), ...(values.user ? [values.user] : []), ...(values.auditor ? [values.auditor] : [])]) checkRef(ref);
  const labs = labOverrides(values.lab);

  const limits = {
    concurrency: intFlag(values.concurrency, 'concurrency') ?? 8,
    rpm: intFlag(values.rpm, 'rpm'),
    tpm: intFlag(values.tpm, 'tpm'),
  };
  const params = targetParams(values);
  const target = (ref: string, label: string, p: GenerateParams): ModelSpec => ({ label, ref, lab: labOf(ref, labs), params: p, limits, cache: values.cache ?? false, stream: values.stream });
  // `both`: each model twice, its instructions in the system role and in the developer role, side by side.
  const targets: ModelSpec[] = values['system-role'] === 'both'
    ? models.flatMap((ref) => INSTRUCTION_ROLES.map((role) => target(ref, `${ref} (${role} role)`, { ...params, systemRole: role })))
    : models.map((ref) => target(ref, ref, params));

  const suite = resolveSuiteArg(positionals[0]);
  // A simulated user or an auditor, for suites whose solver needs one; any lab's model, its own limits.
  const role = (ref: string | undefined): ModelSpec | undefined =>
    ref ? { label: ref, ref, lab: labOf(ref, labs), params: {}, limits, cache: values.cache ?? false, stream: values.stream } : undefined;
  const roles = { ...(values.user ? { user: role(values.user) } : {}), ...(values.auditor ? { auditor: role(values.auditor) } : {}) };
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
    ...judgingFromFlags(values, limits),
    timeoutMs: (numberFlag(values.timeout, 'timeout', { min: 0.001 }) ?? 120) * 1000,
    maxRetries: intFlag(values['max-retries'], 'max-retries', { min: 0 }) ?? 6,
    threads: intFlag(values.threads, 'threads'),
    crosscheckVersion: CROSSCHECK_VERSION,
  };
}

export function checkRef(raw: string): void {
  const ref = parseModelRef(raw);
  if (!PROVIDER_NAMES.includes(ref.provider)) {
    throw new UsageError(`unknown provider "${ref.provider}" in "${raw}": use one of ${PROVIDER_NAMES.join(', ')}`);
  }
}

function targetParams(values: Values): GenerateParams {
  const params: GenerateParams = {};
  const temperature = numberFlag(values.temperature, 'temperature', { min: 0, max: 2 });
  if (temperature !== undefined) params.temperature = temperature;
  const maxTokens = intFlag(values['max-tokens'], 'max-tokens');
  if (maxTokens !== undefined) params.maxTokens = maxTokens;
  const effort = choiceFlag(values['reasoning-effort'], 'reasoning-effort', ['minimal', 'low', 'medium', 'high'] as const);
  if (effort) params.reasoningEffort = effort;
  const thinking = choiceFlag(values.thinking, 'thinking', ['on', 'off'] as const);
  if (thinking) params.thinking = { enabled: thinking === 'on' };
  const role = choiceFlag(values['system-role'], 'system-role', [...INSTRUCTION_ROLES, 'both'] as const);
  if (role && role !== 'both') params.systemRole = role;
  return params;
}
