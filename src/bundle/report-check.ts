/**
 * Every number in a bundle's report, recomputed: the bundle's records are loaded into a SQLite
 * store in memory through the RunStore interface (load-store.ts) and the report is built there
 * by the same code as `crosscheck report` (buildReport, renderJson, renderMarkdown). No second
 * implementation: if the report does not come out the same, it is not the report of these scores.
 */
import { buildReport, type RunReport } from '../report/build-report.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderJson } from '../report/renderers/json.js';
import { SqliteStore } from '../store/sqlite-store.js';
import type { ReportRecord } from './format.js';
import { loadIntoStore } from './load-store.js';
import type { BundleContents } from './read.js';

/** The report as `crosscheck report` builds it from the bundle's records. */
export async function recomputeReport(b: BundleContents): Promise<RunReport> {
  const store = new SqliteStore(':memory:');
  try {
    const { runId } = await loadIntoStore(b, store);
    return buildReport(store, runId);
  } finally {
    store.close();
  }
}

/**
 * The first number (or value) of the signed report that the recomputed one does not give, in
 * words, and how many differ; undefined when they agree. Numbers agree within 1e-9 relative.
 */
export function reportDifference(b: BundleContents, recomputed: RunReport): string | undefined {
  const signed = (b.records.get('report.json')![0].record as ReportRecord).report;
  const diffs: string[] = [];
  diff(signed, JSON.parse(renderJson(recomputed)), [], diffs);
  if (diffs.length === 0) return undefined;
  return `${diffs[0]}${diffs.length > 1 ? ` (and ${diffs.length - 1} more value${diffs.length > 2 ? 's' : ''} differ)` : ''}`;
}

/** Whether report.md is what `crosscheck report --format md` prints for the recomputed report. */
export function markdownMatches(b: BundleContents, recomputed: RunReport): boolean {
  return b.reportMd === null || b.reportMd === renderMarkdown(recomputed);
}

const close = (a: number, b: number) => a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function diff(a: unknown, b: unknown, path: string[], out: string[]): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (!close(a, b)) out.push(`${where(path)} is ${a}, but the scores give ${b}`);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${where(path)} has ${a.length} entries, but the scores give ${b.length}`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) diff(a[i], b[i], [...path, step(a[i], i)], out);
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], [...path, `.${k}`], out);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${where(path)} is ${JSON.stringify(a) ?? 'absent'}, but the scores give ${JSON.stringify(b) ?? 'nothing'}`);
}

/** An array element named by its label or name where it has one: models["openai:x"].overall["correct"]. */
function step(el: unknown, i: number): string {
  const o = el as { label?: unknown; name?: unknown; key?: unknown } | null;
  const name = o && typeof o === 'object' ? o.label ?? o.name ?? o.key : undefined;
  return typeof name === 'string' ? `[${JSON.stringify(name)}]` : `[${i}]`;
}

function where(path: string[]): string {
  return `report ${path.join('').replace(/^\./, '') || '(whole)'}`;
}
