import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { writeTinyGguf } from '../models/llamacpp/tiny-gguf.js';
import type { ModelSpec, RunConfig } from '../core/run-record.js';
import { startRun } from '../runner/run.js';
import { parse, intFlag } from './args.js';
import { openStore } from './store-flag.js';
import { runAndReport } from './run-and-report.js';
import { CROSSCHECK_VERSION } from '../core/version.js';

const options = {
  limit: { type: 'string' },
  store: { type: 'string' },
  model: { type: 'string' },
  quiet: { type: 'boolean' },
  format: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export const DEMO_USAGE = `crosscheck demo [--limit N] [--model FILE.gguf] [--store PATH] [--format md|json] [--quiet]

The whole flow offline: generates a tiny GGUF model with RANDOM weights (a few hundred KB, real
tokenizer and chat template), runs the hallucination suite on it as two "labs" (greedy and
temperature 1.0) and prints the report. Its numbers mean nothing about any real model. The same
comparison on any model: crosscheck eval hallucination --model "greedy=REF,temperature=0"
--model "hot=REF,temperature=1" --max-tokens 48 --seed 1
  --limit N          the first N samples (default: all)
  --model FILE.gguf  the model file to use (default .crosscheck/models/tiny-demo.gguf, made if absent)
  --store PATH       the store (default .crosscheck/crosscheck.db)
  --format md|json   tables (default) or the report as JSON (--json)
  --quiet            no progress lines`;

const WARNING =
  'DEMO: the model below is a tiny GGUF with RANDOM weights generated on this machine. Its answers are noise;\n' +
  'the numbers show how Crosscheck works and mean nothing about any real model.\n';

/**
 * The demo's two "labs": one model, greedy and at temperature 1.0. The same on the command line:
 * `eval hallucination --model "lab-a (greedy)=REF,temperature=0,lab=lab-a (greedy)" --model
 * "lab-b (temperature 1.0)=REF,temperature=1,lab=lab-b (temperature 1.0)" --max-tokens 48 --seed 1 --concurrency 1`.
 */
export function demoTargets(ref: string): ModelSpec[] {
  const lab = (label: string, temperature: number): ModelSpec => ({
    label, ref, lab: label, params: { temperature, maxTokens: 48, seed: 1 }, limits: { concurrency: 1 }, cache: false,
  });
  return [lab('lab-a (greedy)', 0), lab('lab-b (temperature 1.0)', 1)];
}

/**
 * The whole flow offline: a tiny local model stands in for two labs' models (two sampling
 * settings), runs the hallucination suite, and prints the same tables a real run prints.
 */
export async function demoCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, options, 'demo');
  if (positionals.length) throw new UsageError(`demo takes no arguments, got "${positionals[0]}"`);
  const modelPath = values.model ?? join('.crosscheck', 'models', 'tiny-demo.gguf');
  if (!existsSync(modelPath)) {
    mkdirSync(dirname(modelPath), { recursive: true });
    await writeTinyGguf(modelPath, { seed: 7 });
    process.stderr.write(`generated ${modelPath}\n`);
  }
  process.stderr.write(WARNING);
  const ref = `llamacpp:${modelPath}`;
  const config: RunConfig = {
    suite: 'hallucination',
    suiteOptions: { limit: intFlag(values.limit, 'limit') },
    epochs: 1,
    targets: demoTargets(ref),
    judges: [],
    panel: { rule: 'majority', excludeSameLab: false },
    timeoutMs: 60_000,
    maxRetries: 2,
    threads: 1,
    // Random weights answer with noise the rule grader mostly cannot grade (cut off mid-sentence):
    // the demo shows the flow, so it does not hold the share of graded samples a real run needs.
    minScoredShare: 0,
    crosscheckVersion: CROSSCHECK_VERSION,
  };
  const store = openStore(values.store);
  try {
    const code = await runAndReport(store, (hooks) => startRun(store, config, hooks), { quiet: values.quiet, format: values.format, json: values.json });
    process.stderr.write(WARNING);
    return code;
  } finally {
    store.close();
  }
}
