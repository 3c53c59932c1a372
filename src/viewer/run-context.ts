/**
 * What the viewer knows of a run besides its samples, computed once per run and kept: the suite's
 * declaration (outcome labels, grouping keys and their values, the primary scorer), and counts of
 * filtered samples keyed by the store's data version (a count over 100,000 samples takes a few
 * hundred milliseconds; a page takes a few).
 */
import type { OutcomeDecl } from '../core/measures.js';
import type { RunConfig, RunRecord } from '../core/run-record.js';
import { primaryScorerOf } from '../report/build-report.js';
import type { GroupValues, SampleFilter } from '../store/browse-records.js';
import type { RunStore } from '../store/run-store.js';
import { pluginForRun } from '../suites/index.js';

export interface RunView {
  run: RunRecord<RunConfig>;
  primaryScorer: string;
  primaryTitle: string;
  outcomes: OutcomeDecl[];
  groups: GroupValues[];
  models: { label: string; ref: string; lab: string }[];
  judges: { label: string; ref: string; lab: string }[];
}

const COUNT_CACHE = 500;

export class RunViews {
  private readonly views = new Map<string, RunView>();
  private readonly counts = new Map<string, { version: string; total: number }>();

  constructor(private readonly store: RunStore) {}

  /** The run's view, or undefined for an unknown run; a suite this build does not know is an error with its name. */
  view(runId: string): RunView | undefined {
    const known = this.views.get(runId);
    if (known) return known;
    const run = this.store.getRun<RunConfig>(runId);
    if (!run) return undefined;
    const measures = pluginForRun(run.config).measures;
    const primary = primaryScorerOf(measures, run.config);
    const view: RunView = {
      run,
      primaryScorer: primary.name,
      primaryTitle: primary.title,
      outcomes: measures.outcomes,
      groups: this.store.groupValues(runId, measures.groups.map((g) => g.key)),
      models: run.config.targets.map((t) => ({ label: t.label, ref: t.ref, lab: t.lab })),
      judges: run.config.judges.map((t) => ({ label: t.label, ref: t.ref, lab: t.lab })),
    };
    // A finished run's declaration and values do not change; a running one's values may grow.
    if (run.status !== 'running') this.views.set(runId, view);
    return view;
  }

  count(view: RunView, filter: SampleFilter): number {
    const key = `${view.run.id}\u0000${JSON.stringify(filter)}`;
    const version = this.store.dataVersion();
    const hit = this.counts.get(key);
    if (hit && hit.version === version) return hit.total;
    const total = this.store.countSamples(view.run.id, { ...filter, primaryScorer: view.primaryScorer });
    if (this.counts.size >= COUNT_CACHE) this.counts.delete(this.counts.keys().next().value!);
    this.counts.set(key, { version, total });
    return total;
  }
}
