/**
 * What every export format reads: the run's report (metrics, conditions), its config, the store
 * (sample records, read a page at a time), the suite's items when the suite can still be loaded
 * (inputs and accepted answers are not stored per sample), and the scorers and grouping keys.
 */
import type { RunConfig } from '../../core/run-record.js';
import type { Sample } from '../../core/suite.js';
import type { ModelUsage } from '../../store/records.js';
import type { RunStore } from '../../store/run-store.js';
import { pluginForRun } from '../../suites/index.js';
import { buildReport, type RunReport } from '../build-report.js';

export interface ExportContext {
  store: RunStore;
  report: RunReport;
  config: RunConfig;
  outDir: string;
  /** The suite's items by id, or null when its items could not be read (then inputs come from transcripts). */
  items: Map<string, Sample> | null;
  /** Scorers that ran, primary first. */
  scorers: string[];
  usage: ModelUsage[];
  crosscheckVersion: string;
}

export function exportContext(store: RunStore, runId: string, outDir: string, items: Map<string, Sample> | null, crosscheckVersion: string): ExportContext {
  const run = store.requireRun<RunConfig>(runId);
  const report = buildReport(store, runId);
  const measures = pluginForRun(run.config).measures;
  const judged = run.config.judges.length > 0;
  const ran = measures.scorers.filter((s) => judged || !s.judged).map((s) => s.name);
  return {
    store, report, config: run.config, outDir, items, crosscheckVersion, usage: store.usage(runId),
    scorers: [report.primaryScorer, ...ran.filter((s) => s !== report.primaryScorer)],
  };
}
