/**
 * Models on the command line: `--model [LABEL=]REF[,SETTING=VALUE...]`, repeatable, for
 * targets, judges, the simulated user and the auditor alike. The global flags (`--temperature`,
 * `--concurrency`, ...) set every model's defaults; a model's own settings override them, so the
 * demo's comparison of one model greedy and at temperature 1.0 reads
 *
 *   --model "greedy=llamacpp:./tiny.gguf,temperature=0" --model "hot=llamacpp:./tiny.gguf,temperature=1" --max-tokens 48
 */
import { UsageError } from '../core/errors.js';
import type { GenerateParams } from '../core/generation.js';
import { labOf } from '../core/lab.js';
import { parseModelRef } from '../core/model-ref.js';
import type { ModelSpec } from '../core/run-record.js';
import { PROVIDER_NAMES } from '../models/registry.js';
import { choiceFlag, intFlag, numberFlag } from './args.js';

type Setting = (value: string, flag: string) => Partial<Pick<ModelSpec, 'lab' | 'cache' | 'stream'>> & {
  params?: GenerateParams;
  limits?: Partial<ModelSpec['limits']>;
};

const onOff = (value: string, flag: string): boolean => choiceFlag(value, flag, ['true', 'false', 'on', 'off'] as const) === 'true' || value === 'on';

/** Every per-model setting, named as its global flag; each is also a flag of its own (`--temperature T`). */
export const MODEL_SETTINGS: Record<string, { value: string; help: string; apply: Setting }> = {
  temperature: { value: 'T', help: 'sampling temperature, 0 to 2', apply: (v, f) => ({ params: { temperature: numberFlag(v, f, { min: 0, max: 2 }) } }) },
  'top-p': { value: 'P', help: 'nucleus sampling, above 0 up to 1', apply: (v, f) => ({ params: { topP: numberFlag(v, f, { min: Number.MIN_VALUE, max: 1 }) } }) },
  'max-tokens': { value: 'N', help: 'most output tokens per reply', apply: (v, f) => ({ params: { maxTokens: intFlag(v, f) } }) },
  seed: { value: 'N', help: 'sampling seed, where the provider takes one', apply: (v, f) => ({ params: { seed: intFlag(v, f, { min: 0 }) } }) },
  'reasoning-effort': {
    value: 'minimal|low|medium|high', help: 'reasoning effort of OpenAI-style reasoning models',
    apply: (v, f) => ({ params: { reasoningEffort: choiceFlag(v, f, ['minimal', 'low', 'medium', 'high'] as const) } }),
  },
  thinking: { value: 'on|off', help: 'extended thinking (Anthropic, Google)', apply: (v, f) => ({ params: { thinking: { enabled: choiceFlag(v, f, ['on', 'off'] as const) === 'on' } } }) },
  'system-role': {
    value: 'system|developer', help: 'the role OpenAI models get the system prompt in',
    apply: (v, f) => ({ params: { systemRole: choiceFlag(v, f, ['system', 'developer'] as const) } }),
  },
  concurrency: { value: 'N', help: 'calls in flight at once (default 8)', apply: (v, f) => ({ limits: { concurrency: intFlag(v, f) } }) },
  rpm: { value: 'N', help: 'requests per minute, retries included', apply: (v, f) => ({ limits: { rpm: intFlag(v, f) } }) },
  tpm: { value: 'N', help: 'input + output tokens per minute', apply: (v, f) => ({ limits: { tpm: intFlag(v, f) } }) },
  lab: { value: 'LAB', help: 'the lab the model comes from (self-preference, --exclude-same-lab)', apply: (v) => ({ lab: v }) },
  cache: { value: 'on|off', help: 'answer identical requests from the response cache', apply: (v, f) => ({ cache: onOff(v, f) }) },
  stream: { value: 'on|off', help: 'stream replies (SSE) from HTTP providers', apply: (v, f) => ({ stream: onOff(v, f) }) },
};

/** A model as written on the command line. */
export interface ModelFlag {
  label?: string;
  ref: string;
  /** SETTING=VALUE pairs after the ref, in order. */
  settings: [string, string][];
}

/**
 * `[LABEL=]REF[,SETTING=VALUE...]`. A label is whatever comes before the first "=" when it has
 * no ":" (a ref always does); settings are the ","-separated pieces after the ref that start
 * with a known setting's name and "=".
 */
export function parseModelFlag(raw: string, flag = 'model'): ModelFlag {
  const labelled = /^([^:=,@/]+)=(.+)$/s.exec(raw);
  const label = labelled?.[1].trim();
  const pieces = (labelled ? labelled[2] : raw).split(',');
  const refParts: string[] = [];
  const settings: [string, string][] = [];
  for (const [i, piece] of pieces.entries()) {
    const setting = /^\s*([a-z-]+)=(.*)$/s.exec(piece);
    if (i > 0 && setting && MODEL_SETTINGS[setting[1]]) settings.push([setting[1], setting[2].trim()]);
    else if (i > 0 && setting) throw new UsageError(`--${flag} ${raw}: unknown setting "${setting[1]}": use ${Object.keys(MODEL_SETTINGS).join(', ')}`);
    else if (settings.length) throw new UsageError(`--${flag} ${raw}: "${piece}" after the settings is not SETTING=VALUE`);
    else refParts.push(piece);
  }
  const ref = refParts.join(',').trim();
  if (label === '') throw new UsageError(`--${flag} ${raw}: the label before "=" is empty`);
  checkRef(ref);
  return { ...(label ? { label } : {}), ref, settings };
}

export function checkRef(raw: string): void {
  const ref = parseModelRef(raw);
  if (!PROVIDER_NAMES.includes(ref.provider)) {
    throw new UsageError(`unknown provider "${ref.provider}" in "${raw}": use one of ${PROVIDER_NAMES.join(', ')}`);
  }
}

/** What the global flags set for every model; each model's own settings go on top. */
export interface ModelDefaults {
  params: GenerateParams;
  limits: ModelSpec['limits'];
  cache: boolean;
  stream?: boolean;
  /** `--lab MODEL=LAB`, by ref or label. */
  labs: Record<string, string>;
}

/** The global flags' values as defaults (the same settings, read from `values[name]`). */
export function modelDefaults(values: Record<string, unknown>, labs: Record<string, string>, base: { cache: boolean }): ModelDefaults {
  let spec: Pick<ModelDefaults, 'params' | 'limits' | 'cache' | 'stream'> = { params: {}, limits: { concurrency: 8 }, cache: base.cache };
  for (const [name, setting] of Object.entries(MODEL_SETTINGS)) {
    const value = values[name];
    if (typeof value === 'string') spec = merge(spec, setting.apply(value, name));
    else if (typeof value === 'boolean' && (name === 'cache' || name === 'stream')) spec = { ...spec, [name]: value };
  }
  return { ...spec, labs };
}

/** A ModelSpec from a parsed --model and the defaults. */
export function modelSpec(m: ModelFlag, defaults: ModelDefaults, flag = 'model'): ModelSpec {
  const label = m.label ?? m.ref;
  let spec: Pick<ModelSpec, 'params' | 'limits' | 'cache' | 'stream'> & { lab?: string } = {
    params: defaults.params, limits: defaults.limits, cache: defaults.cache, ...(defaults.stream !== undefined ? { stream: defaults.stream } : {}),
  };
  for (const [name, value] of m.settings) {
    try {
      spec = merge(spec, MODEL_SETTINGS[name].apply(value, name));
    } catch (err) {
      throw new UsageError(`--${flag} ${label}: ${(err as Error).message.replace(/^--/, '')}`);
    }
  }
  const lab = spec.lab ?? defaults.labs[label] ?? labOf(m.ref, defaults.labs);
  return { label, ref: m.ref, lab, params: spec.params, limits: spec.limits, cache: spec.cache, ...(spec.stream !== undefined ? { stream: spec.stream } : {}) };
}

/** Every `--model` of a command, labels checked to be distinct. */
export function modelSpecs(raws: readonly string[], defaults: ModelDefaults, flag = 'model'): ModelSpec[] {
  const specs = raws.map((raw) => modelSpec(parseModelFlag(raw, flag), defaults, flag));
  const seen = new Set<string>();
  for (const s of specs) {
    if (seen.has(s.label)) throw new UsageError(`two --${flag}s are named "${s.label}": give each its own label (--${flag} LABEL=REF)`);
    seen.add(s.label);
  }
  return specs;
}

function merge<T extends { params: GenerateParams; limits: ModelSpec['limits'] }>(spec: T, change: ReturnType<Setting>): T {
  return {
    ...spec,
    ...change,
    params: { ...spec.params, ...change.params },
    limits: { ...spec.limits, ...change.limits },
  };
}
