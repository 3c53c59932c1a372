import { readFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';
import { parseModelRef } from '../core/model-ref.js';
import type { JudgeHandle } from '../core/suite.js';
import { createProvider } from '../models/registry.js';
import { renderCalibrationMarkdown, type CalibrationConditions } from '../suites/hallucination/calibration/calibration-markdown.js';
import { Scheduler } from '../runner/scheduler.js';
import { calibrateJudges } from '../suites/hallucination/calibration/calibration-grading.js';
import { parseLabelFile } from '../suites/hallucination/calibration/calibration-labels.js';
import { formatFlag, intFlag, numberFlag, parse } from './args.js';
import { JUDGE_OPTIONS, judgingFromFlags } from './judge-flags.js';
import { openStore } from './store-flag.js';

export const JUDGES_USAGE = `crosscheck judges calibrate --labels FILE --judge MODEL [--judge MODEL ...] [--panel majority|unanimous|mean]
  [--lab MODEL=LAB ...] [--no-judge-cache] [--concurrency N] [--timeout SECONDS] [--max-retries N] [--store PATH] [--format md|json]

Measures judges, and their panel, against human labels: accuracy, Cohen's kappa and the confusion
matrix. FILE is JSONL, one item a line: {"question", "response", "kind": answerable|nonexistent|
false_premise, "answers": [...], "correction"?: "...", "label": correct|incorrect|abstained}.
Judge replies are kept in the store's response cache, so running it again costs no calls.
  --labels FILE      the human-labelled items (JSONL, as above)
  --judge [LABEL=]REF[,SETTING=VALUE...]
                     a judge to measure, repeatable; with two or more their panel is measured too
  --panel RULE       majority (default), unanimous or mean: how the panel combines grades
  --lab MODEL=LAB    the lab of a judge, where its ref does not tell
  --no-judge-cache   call the judges again instead of reusing cached replies
  --concurrency N  --timeout SECONDS  --max-retries N
                     per-judge calls in flight (8), per-attempt timeout (120), retries (6)
  --store PATH       where the response cache is kept (default .crosscheck/crosscheck.db)
  --format md|json   Markdown (default) or JSON (--json)`;

const options = {
  labels: { type: 'string' },
  judge: JUDGE_OPTIONS.judge,
  panel: JUDGE_OPTIONS.panel,
  lab: JUDGE_OPTIONS.lab,
  'no-judge-cache': JUDGE_OPTIONS['no-judge-cache'],
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
  'max-retries': { type: 'string' },
  store: { type: 'string' },
  format: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** Where output goes: stdout, or a buffer when tests call the command in-process. */
type Output = { write(text: string): unknown };

/** `crosscheck judges SUBCOMMAND`: only `calibrate` for now. */
export async function judgesCommand(argv: string[], out: Output = process.stdout): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'calibrate') throw new UsageError(`judges: unknown subcommand ${sub === undefined ? '(none)' : `"${sub}"`}: use \`crosscheck judges calibrate --labels FILE --judge MODEL\``);
  return calibrateCommand(rest, out);
}

async function calibrateCommand(argv: string[], out: Output): Promise<number> {
  const { values, positionals } = parse(argv, options, 'judges calibrate');
  if (positionals.length) throw new UsageError(`judges calibrate takes no positional arguments, got "${positionals[0]}"`);
  if (!values.labels) throw new UsageError('judges calibrate needs --labels FILE (JSONL with human labels)');
  if (!values.judge?.length) throw new UsageError('judges calibrate needs at least one --judge MODEL');
  const { judges: specs, panel } = judgingFromFlags(values, { concurrency: intFlag(values.concurrency, 'concurrency') ?? 8 });
  const timing = {
    timeoutMs: (numberFlag(values.timeout, 'timeout', { min: 0.001 }) ?? 120) * 1000,
    maxRetries: intFlag(values['max-retries'], 'max-retries', { min: 0 }) ?? 6,
  };
  const format = formatFlag(values, ['md', 'json'] as const);
  const items = parseLabelFile(readLabels(values.labels), values.labels);

  const store = openStore(values.store);
  const scheduler = new Scheduler({ cache: store.cache });
  try {
    const returned = new Map<string, Set<string>>(specs.map((j) => [j.ref, new Set()]));
    const calls = { total: 0, cached: 0 };
    const judges: JudgeHandle[] = [];
    for (const spec of specs) {
      scheduler.add(spec.label, await createProvider(parseModelRef(spec.ref)), { ...spec.limits, ...timing });
      judges.push({
        ref: spec.ref, label: spec.label, lab: spec.lab,
        // As a run calls its judges (src/runner/run.ts): the judge's own params win, epoch 1 for the cache key.
        generate: async (messages, params) => {
          const generation = await scheduler.generate(spec.label, { messages, params: { ...params, ...spec.params } }, { useCache: spec.cache, epoch: 1 });
          calls.total++;
          if (generation.cached) calls.cached++;
          if (generation.returnedModel) returned.get(spec.ref)!.add(generation.returnedModel);
          return generation;
        },
      });
    }
    const result = await calibrateJudges(items, judges, panel.rule);
    const conditions: CalibrationConditions = {
      labelsFile: values.labels, items: items.length, calls: calls.total, cachedCalls: calls.cached,
      judges: judges.map((j) => ({ ref: j.ref, lab: j.lab, returnedModels: [...returned.get(j.ref)!] })),
    };
    out.write(format === 'json' ? `${JSON.stringify({ ...result, conditions }, null, 2)}\n` : renderCalibrationMarkdown(result, conditions));
    return 0;
  } finally {
    try {
      await scheduler.close();
    } finally {
      store.close();
    }
  }
}

function readLabels(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read labels file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
