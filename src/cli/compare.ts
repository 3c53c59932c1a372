import { UsageError } from '../core/errors.js';
import { compareModels, type CompareReport, type CompareSide, type EpochOutcome } from '../report/compare.js';
import { renderCompareMarkdown } from '../report/compare-markdown.js';
import type { RunConfig } from '../runner/run-config.js';
import type { RunRecord } from '../store/records.js';
import type { SqliteStore } from '../store/sqlite-store.js';
import { choiceFlag, listFlag, parse } from './args.js';
import { openStore } from './store-flag.js';

export const COMPARE_USAGE = `crosscheck compare RUN [RUN2] --models A,B [--store PATH] [--format md|json]

Paired comparison of two models on the samples both finished: McNemar's exact test for correct,
hallucinated and abstained; a seeded paired bootstrap for penalised scores (t = 0, 0.5, 0.75, 0.9);
Holm's correction across all of them. Outcomes are the run's graders', or a human label where
one exists. With RUN2, model A comes from RUN and model B from RUN2 (same suite version needed).`;

type Output = { write(text: string): unknown };

const options = { models: { type: 'string', multiple: true }, store: { type: 'string' }, format: { type: 'string' } } as const;

/** `out` is for tests, which call the command in-process. */
export async function compareCommand(argv: string[], out: Output = process.stdout): Promise<number> {
  const { values, positionals } = parse(argv, options, 'compare');
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError('compare takes one or two run ids: crosscheck compare RUN [RUN2] --models A,B');
  const models = listFlag(values.models) ?? [];
  if (models.length !== 2) throw new UsageError(`compare needs exactly two models: --models A,B (got ${models.length})`);
  const format = choiceFlag(values.format, 'format', ['md', 'json'] as const) ?? 'md';
  const [runA, runB = runA] = positionals;
  if (runA === runB && models[0] === models[1]) throw new UsageError(`compare: --models names "${models[0]}" twice; give two different models of run ${runA}`);

  const store = openStore(values.store);
  try {
    const report = buildCompareReport(store, { runId: runA, label: models[0] }, { runId: runB, label: models[1] });
    out.write(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderCompareMarkdown(report));
    return 0;
  } finally {
    store.close();
  }
}

export function buildCompareReport(store: SqliteStore, a: { runId: string; label: string }, b: { runId: string; label: string }): CompareReport {
  const runA = store.requireRun<RunConfig>(a.runId);
  const runB = a.runId === b.runId ? runA : store.requireRun<RunConfig>(b.runId);
  if (runA.suite !== runB.suite || runA.suiteVersion !== runB.suiteVersion) {
    throw new UsageError(
      `runs ${runA.id} and ${runB.id} used different suites (${runA.suite} ${runA.suiteVersion} vs ${runB.suite} ${runB.suiteVersion}): their samples cannot be paired`,
    );
  }
  const sideA = loadSide(store, runA, a.label);
  const sideB = loadSide(store, runB, b.label);
  return {
    suite: runA.suite,
    suiteVersion: runA.suiteVersion,
    a: sideA.side,
    b: sideB.side,
    comparison: compareModels(sideA.outcomes, sideB.outcomes),
  };
}


function loadSide(store: SqliteStore, run: RunRecord<RunConfig>, label: string): { side: CompareSide; outcomes: EpochOutcome[] } {
  const config = run.config;
  const spec = config.targets.find((t) => t.label === label);
  if (!spec) throw new UsageError(`model "${label}" is not in run ${run.id}: its models are ${config.targets.map((t) => t.label).join(', ')}`);
  // The same primary scorer the run's own report uses.
  const scorer = config.judges.length > 0 ? 'model-grader' : 'rule';
  const outcomes: EpochOutcome[] = [];
  let humanLabelled = 0;
  for (const o of store.sampleOutcomes(run.id, scorer)) {
    if (o.model !== label) continue;
    outcomes.push({ sampleId: o.sampleId, epoch: o.epoch, outcome: o.outcome });
    if (o.human) humanLabelled++;
  }
  const usage = store.usage(run.id);
  const judged = config.judges.length > 0;
  return {
    outcomes,
    side: {
      label, ref: spec.ref, runId: run.id, params: { ...spec.params },
      returnedModels: usage.find((u) => u.model === label && u.role === 'target')?.returnedModels ?? [],
      scorer,
      judges: config.judges.map((j) => ({
        ref: j.ref, lab: j.lab,
        returnedModels: [...new Set(usage.filter((u) => u.model === label && u.role === 'judge' && u.modelRef === j.ref).flatMap((u) => u.returnedModels))],
      })),
      panel: judged ? config.panel : null,
      promptVersions: judged ? store.promptVersions(run.id) : [],
      epochs: config.epochs,
      suiteOptions: config.suiteOptions,
      humanLabelled,
    },
  };
}
