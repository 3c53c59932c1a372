import { UsageError } from '../core/errors.js';
import type { RunConfig, RunRecord } from '../core/run-record.js';
import type { RunStore } from '../store/run-store.js';
import { pluginForRun } from '../suites/index.js';
import { primaryScorerOf } from './build-report.js';
import { compareModels, type CompareReport, type CompareSide, type EpochOutcome } from './compare.js';

/** Two models (of one run or of two runs of the same suite version), paired and compared. */
export function buildCompareReport(store: RunStore, a: { runId: string; label: string }, b: { runId: string; label: string }): CompareReport {
  const runA = store.requireRun<RunConfig>(a.runId);
  const runB = a.runId === b.runId ? runA : store.requireRun<RunConfig>(b.runId);
  if (runA.suite !== runB.suite || runA.suiteVersion !== runB.suiteVersion) {
    throw new UsageError(
      `runs ${runA.id} and ${runB.id} used different suites (${runA.suite} ${runA.suiteVersion} vs ${runB.suite} ${runB.suiteVersion}): their samples cannot be paired`,
    );
  }
  const measures = pluginForRun(runA.config).measures;
  // Values of a key that must not be pooled are compared apart.
  const split = measures.groups.find((g) => g.pooled === false);
  const sideA = loadSide(store, runA, a.label, split?.key);
  const sideB = loadSide(store, runB, b.label, split?.key);
  return {
    suite: runA.suite,
    suiteVersion: runA.suiteVersion,
    a: sideA.side,
    b: sideB.side,
    comparison: compareModels(sideA.outcomes, sideB.outcomes, measures.compare, {
      groupTitles: split?.titles, groupOrder: split?.order,
    }),
  };
}

function loadSide(store: RunStore, run: RunRecord<RunConfig>, label: string, groupKey?: string): { side: CompareSide; outcomes: EpochOutcome[] } {
  const config = run.config;
  const spec = config.targets.find((t) => t.label === label);
  if (!spec) throw new UsageError(`model "${label}" is not in run ${run.id}: its models are ${config.targets.map((t) => t.label).join(', ')}`);
  // The same primary scorer the run's own report uses.
  const primary = primaryScorerOf(pluginForRun(config).measures, config);
  const outcomes: EpochOutcome[] = [];
  let humanLabelled = 0;
  for (const o of store.metricRows(run.id, { primaryScorer: primary.name, scorers: [], groups: groupKey ? [groupKey] : [] })) {
    if (o.model !== label) continue;
    outcomes.push({ sampleId: o.sampleId, epoch: o.epoch, outcome: o.outcome, value: o.value, group: groupKey ? o.groups[groupKey] : null });
    if (o.human) humanLabelled++;
  }
  const usage = store.usage(run.id);
  const judged = config.judges.length > 0;
  return {
    outcomes,
    side: {
      label, ref: spec.ref, runId: run.id, params: { ...spec.params },
      returnedModels: usage.find((u) => u.model === label && u.role === 'target')?.returnedModels ?? [],
      scorer: primary.name,
      scorerTitle: primary.title,
      judged: primary.judged === true,
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
