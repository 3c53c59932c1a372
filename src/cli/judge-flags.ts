import { UsageError } from '../core/errors.js';
import type { ModelSpec, RunConfig } from '../core/run-record.js';
import { choiceFlag } from './args.js';
import { modelSpecs } from './model-flags.js';

/** Flags shared by every command that sets up judges (eval, rescore). */
export const JUDGE_OPTIONS = {
  judge: { type: 'string', multiple: true },
  panel: { type: 'string' },
  'exclude-same-lab': { type: 'boolean' },
  lab: { type: 'string', multiple: true },
  'no-judge-cache': { type: 'boolean' },
} as const;

export const JUDGE_HELP = `  --judge [LABEL=]REF[,SETTING=VALUE...]
                                 a judge, repeatable: the panel grades every answer blind, in the
                                 suite's own way (rule graders run too); settings as for --model
  --panel majority|unanimous|mean
                                 how the judges' grades combine (default majority)
  --exclude-same-lab             keep judges off answers of their own lab's models
  --no-judge-cache               call judges again for a transcript they already graded`;

export interface JudgeFlagValues {
  judge?: string[];
  panel?: string;
  'exclude-same-lab'?: boolean;
  lab?: string[];
  'no-judge-cache'?: boolean;
}

/** `--lab openai:acme@http://gw/v1=acme` (split at the last "="). */
export function labOverrides(values: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    const eq = v.lastIndexOf('=');
    if (eq <= 0 || eq === v.length - 1) throw new UsageError(`--lab takes MODEL=LAB, got "${v}"`);
    out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}

/**
 * The judge panel from `--judge` (repeatable), `--panel`, `--exclude-same-lab`; judges' replies
 * are cached unless `--no-judge-cache`. Judges share the run's limits and keep their own params.
 */
export function judgingFromFlags(values: JudgeFlagValues, limits: ModelSpec['limits']): Pick<RunConfig, 'judges' | 'panel'> {
  const labs = labOverrides(values.lab);
  return {
    judges: modelSpecs(values.judge ?? [], { params: {}, limits, cache: !values['no-judge-cache'], labs }, 'judge'),
    panel: {
      rule: choiceFlag(values.panel, 'panel', ['majority', 'unanimous', 'mean'] as const) ?? 'majority',
      excludeSameLab: values['exclude-same-lab'] ?? false,
    },
  };
}
