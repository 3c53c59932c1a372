/**
 * exercise.yaml: a whole cross-lab exercise in one file — several suites on several models with
 * one judge panel, run under one scheduler (a model's limits hold across suites). Every mistake
 * is reported with its line before any model is called.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { labOf } from '../core/lab.js';
import { parseModelRef } from '../core/model-ref.js';
import type { ModelSpec, RunConfig } from '../core/run-record.js';
import { PROVIDER_NAMES } from '../models/registry.js';
import { resolveSuiteArg } from '../suites/index.js';
import { FileMistakes, type Mistake } from '../core/mistakes.js';
import { readValidatedYaml } from '../suites/yaml/validated-yaml.js';

const params = z.strictObject({
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().optional(),
  topP: z.number().gt(0).max(1).optional(),
  seed: z.number().int().optional(),
  reasoningEffort: z.enum(['minimal', 'low', 'medium', 'high']).optional(),
  thinking: z.strictObject({ enabled: z.boolean(), budgetTokens: z.number().int().positive().optional() }).optional(),
  systemRole: z.enum(['system', 'developer']).optional(),
});

const limits = z.strictObject({
  concurrency: z.number().int().positive().default(8),
  rpm: z.number().int().positive().optional(),
  tpm: z.number().int().positive().optional(),
}).prefault({});

const model = z.strictObject({
  /** How reports name it; the ref when absent. Two models may share a ref with different labels and params. */
  label: z.string().min(1).optional(),
  ref: z.string().min(1),
  /** The model's lab (for self-preference and same-lab exclusion) when its ref does not tell. */
  lab: z.string().min(1).optional(),
  params: params.optional(),
  limits,
  cache: z.boolean().default(false),
  stream: z.boolean().optional(),
});

const suite = z.union([
  z.strictObject({ name: z.string().min(1), limit: z.number().int().positive().optional(), category: z.array(z.string()).optional(), confidenceTarget: z.number().gt(0).lt(1).optional() }),
  z.strictObject({ path: z.string().min(1), limit: z.number().int().positive().optional(), category: z.array(z.string()).optional() }),
], { error: () => 'a suite is {name: SHIPPED-SUITE, ...} or {path: ./folder-with-suite.yaml, ...}, with optional limit and category' });

export const exerciseSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][\w.-]*$/, 'letters, digits, -, _ or .'),
  description: z.string().optional(),
  models: z.array(model).min(1),
  /** Judges' replies are cached by default (a rerun grades the same transcript the same way). */
  judges: z.array(model.extend({ cache: z.boolean().default(true) })).default([]),
  panel: z.strictObject({
    rule: z.enum(['majority', 'unanimous', 'mean']).default('majority'),
    excludeSameLab: z.boolean().default(false),
  }).prefault({}),
  /** The simulated user and the auditor, for suites whose solver needs one. */
  user: model.optional(),
  auditor: model.optional(),
  suites: z.array(suite).min(1),
  epochs: z.number().int().positive().default(1),
  timeout: z.number().positive().default(120),
  maxRetries: z.number().int().min(0).default(6),
  threads: z.number().int().positive().optional(),
});

export type ExerciseDefinition = z.output<typeof exerciseSchema>;

/** The exercise file, checked: schema, model refs, labels, suites (their own files too). */
export function readExercise(file: string): ExerciseDefinition & { baseDir: string } {
  const { value, lineOf } = readValidatedYaml(file, exerciseSchema, file);
  const mistakes: Mistake[] = [];
  const bad = (path: PropertyKey[], field: string, message: string) => mistakes.push({ file, line: lineOf(path), field, message });
  const checkRef = (ref: string, path: PropertyKey[], field: string) => {
    try {
      const r = parseModelRef(ref);
      if (!PROVIDER_NAMES.includes(r.provider)) bad(path, field, `unknown provider "${r.provider}": use one of ${PROVIDER_NAMES.join(', ')}`);
    } catch (err) {
      bad(path, field, (err as Error).message);
    }
  };
  const labels = new Set<string>();
  value.models.forEach((m, i) => {
    checkRef(m.ref, ['models', i, 'ref'], `models[${i}].ref`);
    const label = m.label ?? m.ref;
    if (labels.has(label)) bad(['models', i], `models[${i}]`, `two models are labelled "${label}": give each a label`);
    labels.add(label);
  });
  value.judges.forEach((j, i) => checkRef(j.ref, ['judges', i, 'ref'], `judges[${i}].ref`));
  for (const role of ['user', 'auditor'] as const) if (value[role]) checkRef(value[role]!.ref, [role, 'ref'], `${role}.ref`);
  const baseDir = dirname(resolve(file));
  value.suites.forEach((s, i) => {
    try {
      resolveSuiteArg('name' in s ? s.name : suitePath(baseDir, s.path));
    } catch (err) {
      if (err instanceof FileMistakes) mistakes.push(...err.mistakes);
      else bad(['suites', i], `suites[${i}]`, (err as Error).message.split('\n')[0]);
    }
  });
  if (mistakes.length) throw new FileMistakes(mistakes);
  return { ...value, baseDir };
}

function suitePath(baseDir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(baseDir, path);
}

function spec(m: z.output<typeof model>): ModelSpec {
  const label = m.label ?? m.ref;
  return { label, ref: m.ref, lab: m.lab ?? labOf(m.ref), params: m.params ?? {}, limits: m.limits, cache: m.cache, ...(m.stream !== undefined ? { stream: m.stream } : {}) };
}

/** The run config of one suite of the exercise. */
export function runConfigFor(def: ExerciseDefinition & { baseDir: string }, index: number, exerciseId: string, crosscheckVersion: string): RunConfig {
  const s = def.suites[index];
  const resolved = resolveSuiteArg('name' in s ? s.name : suitePath(def.baseDir, s.path));
  const roles = { ...(def.user ? { user: spec(def.user) } : {}), ...(def.auditor ? { auditor: spec(def.auditor) } : {}) };
  return {
    suite: resolved.name,
    ...(resolved.source ? { suiteSource: resolved.source } : {}),
    suiteOptions: { limit: s.limit, category: s.category, ...('confidenceTarget' in s && s.confidenceTarget !== undefined ? { confidenceTarget: s.confidenceTarget } : {}) },
    epochs: def.epochs,
    targets: def.models.map(spec),
    judges: def.judges.map((j) => ({ ...spec(j), cache: j.cache })),
    ...(Object.keys(roles).length ? { roles } : {}),
    panel: def.panel,
    timeoutMs: def.timeout * 1000,
    maxRetries: def.maxRetries,
    ...(def.threads ? { threads: def.threads } : {}),
    crosscheckVersion,
    exerciseId,
    exerciseEntry: index,
  };
}
