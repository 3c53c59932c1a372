/**
 * `crosscheck rescore --from-bundle`: a third party grades a bundle's published transcripts
 * with its own judges. The bundle's run is loaded into the party's store (its withheld samples
 * left out: there is no text to grade), graded again by the ordinary rescore, and the two
 * gradings compared sample by sample (agreement, Cohen's kappa) and metric by metric, over the
 * same samples.
 */
import { resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { MetricResult } from '../core/measures.js';
import type { RunConfig } from '../core/run-record.js';
import { cohenKappa } from '../metrics/cohen-kappa.js';
import { buildReport, primaryScorerOf, type ModelReport, type RunReport } from '../report/build-report.js';
import { pct } from '../report/format.js';
import { formatValue } from '../report/markdown.js';
import type { RunStore } from '../store/run-store.js';
import { pluginForRun } from '../suites/index.js';
import type { RunLeafRecord } from './format.js';
import { loadIntoStore } from './load-store.js';
import type { BundleContents } from './read.js';

export interface Imported {
  runId: string;
  samples: number;
  withheld: number;
  /** The run was already in the store from this same bundle. */
  reused: boolean;
}

/**
 * The bundle's run in `store`, under its own id, marked with the bundle's signed root. A run
 * with that id from elsewhere is left alone (an error); one from this bundle is used again.
 * `suiteFolder`: where a suite given as a folder is on this machine.
 */
export async function importForRegrade(b: BundleContents, store: RunStore, root: string, suiteFolder?: string): Promise<Imported> {
  const run = (b.records.get('run.json')![0].record as RunLeafRecord).run;
  const existing = store.getRun<RunConfig>(run.id);
  const withheld = b.records.get('transcripts.jsonl')!.filter((l) => l.record.type === 'withheld').length;
  if (existing) {
    if (existing.config.importedFrom !== root) throw new UsageError(`run ${run.id} is already in ${store.path} and did not come from this bundle: use another --store`);
    return { runId: run.id, samples: store.doneKeys(run.id).size, withheld, reused: true };
  }
  if (run.config.suiteSource && !suiteFolder) {
    throw new UsageError(`the bundle's suite ${run.config.suite} was a folder (${run.config.suiteSource.path}): give your copy with --suite DIR`);
  }
  const loaded = await loadIntoStore(b, store, {
    publishedOnly: true,
    run: (r) => {
      const config = r.config as RunConfig;
      const suiteSource = config.suiteSource && suiteFolder ? { ...config.suiteSource, path: resolve(suiteFolder) } : config.suiteSource;
      return { ...r, config: { ...config, ...(suiteSource ? { suiteSource } : {}), importedFrom: root } };
    },
  });
  return { runId: loaded.runId, samples: loaded.samples, withheld: loaded.skipped, reused: false };
}

/** The original grading against the new one over the same samples, as text lines. */
export function regradeComparison(store: RunStore, originalId: string, regradedId: string): string {
  const original = buildReport(store, originalId);
  const regraded = buildReport(store, regradedId);
  const lines = [`\nregrade against the bundle's grading, over the ${original.models.reduce((n, m) => n + m.samplesDone, 0)} published transcripts:`];
  lines.push(`  original: ${original.gradedBy}`, `  regrade:  ${regraded.gradedBy}`);
  for (const m of original.models) {
    const r = regraded.models.find((x) => x.label === m.label);
    if (!r) continue;
    lines.push(`\n${m.label}`);
    lines.push(`  ${agreement(store, originalId, regradedId, m.label)}`);
    for (const [title, a, b] of metricPairs(original, m, r)) lines.push(`  ${title}: ${formatValue(a.value)} -> ${formatValue(b.value)}`);
  }
  return `${lines.join('\n')}\n`;
}

function agreement(store: RunStore, originalId: string, regradedId: string, model: string): string {
  const outcomes = (runId: string) => {
    const config = store.requireRun<RunConfig>(runId).config;
    const measures = pluginForRun(config).measures;
    const query = { primaryScorer: primaryScorerOf(measures, config).name, scorers: [], groups: [] };
    return new Map([...store.metricRows(runId, query)].filter((row) => row.model === model).map((row) => [`${row.sampleId}\u0000${row.epoch}`, row.outcome]));
  };
  const a = outcomes(originalId);
  const b = outcomes(regradedId);
  const keys = [...a.keys()].filter((k) => b.has(k));
  const graded = keys.filter((k) => a.get(k) !== 'unscored' && b.get(k) !== 'unscored');
  const same = graded.filter((k) => a.get(k) === b.get(k)).length;
  const kappa = cohenKappa(graded.map((k) => a.get(k)!), graded.map((k) => b.get(k)!));
  const k = kappa.defined ? kappa.kappa.toFixed(3) : `n/a (${kappa.reason})`;
  return `primary outcome: same on ${same} of ${graded.length} graded by both (${graded.length ? pct(same / graded.length) : 'n/a'}), Cohen's kappa ${k}; unscored by either: ${keys.length - graded.length}`;
}

/** Each headline metric of a model, original and regraded, where both have it. */
function metricPairs(report: RunReport, a: ModelReport, b: ModelReport): [string, MetricResult, MetricResult][] {
  const out: [string, MetricResult, MetricResult][] = [];
  for (const section of report.layout.headline) {
    const ra = sectionResults(a, section);
    const rb = sectionResults(b, section);
    for (const col of section.columns) {
      const x = ra?.find((r) => r.name === col.metric);
      const y = rb?.find((r) => r.name === col.metric);
      if (x && y) out.push([`${section.scope}, ${col.title}`, x, y]);
    }
  }
  return out;
}

function sectionResults(m: ModelReport, section: RunReport['layout']['headline'][number]): MetricResult[] | undefined {
  if (!section.group) return m.overall;
  return m.breakdowns.find((t) => t.key === section.group!.key)?.columns.find((c) => c.value === section.group!.value)?.results;
}
