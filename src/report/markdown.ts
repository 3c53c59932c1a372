import type { MetricResult, MetricValue } from '../core/measures.js';
import type { ModelReport, RunReport } from './build-report.js';
import type { MetricTable } from './compute-metrics.js';
import type { EpochReport } from './epochs-report.js';
import type { PanelReport } from './panel-report.js';
import { percentWithCi, pct, withCi } from './format.js';
import { agreementTable, conditionLines, modelNotes, epochsTable, fixed, labelWays, selfPreferenceTable } from './tables.js';
import { textTable } from './text-table.js';
import { resultsIn } from './scope.js';

/** The per-model tables `eval` prints at the end of a run, with the conditions underneath. */
export function renderSummary(report: RunReport): string {
  return [
    sideBySide(report),
    ...report.models.map((m) => modelSection(m, report.primaryTitle, report.primaryCaveat)),
    ...(report.epochs ? [epochsSection(report.epochs)] : []),
    ...(report.panel ? [panelSection(report.panel)] : []),
    conditionsSection(report),
  ].join('\n');
}

/** The full Markdown report: the summary plus failures. An unfinished run says so in its first line. */
export function renderMarkdown(report: RunReport): string {
  const head = `# ${report.run.suite} — run ${report.run.id}${unfinishedNote(report)}\n\n` +
    `status: ${report.run.status}${report.run.stopReason ? ` (${report.run.stopReason})` : ''}; graded by: ${report.gradedBy}\n\n` +
    coverageNote(report);
  const failures = report.errors.length
    ? `\n## Failed samples (${report.errors.length})\n\n` +
      textTable(['model', 'reason', 'samples'], report.failureKinds.map((f) => [f.model, f.kind, String(f.n)]), true) + '\n' +
      textTable(['model', 'sample', 'epoch', 'error'], report.errors.slice(0, 50).map((e) => [e.model, e.sampleId, String(e.epoch), e.error]), true) +
      (report.errors.length > 50 ? `\n(${report.errors.length - 50} more)\n` : '')
    : '';
  return head + renderSummary(report) + failures;
}

/** " (unfinished: 353 of 530 samples missing)" for a run that is not whole, else nothing. */
function unfinishedNote(report: RunReport): string {
  const c = report.completeness;
  if (c.missing !== null) return c.missing > 0 ? ` (unfinished: ${c.missing} of ${plural(c.expected!, 'sample')} missing)` : '';
  if (report.run.status === 'finished') return '';
  return ` (unfinished: ${report.run.status}${c.failed ? `, ${plural(c.failed, 'sample')} failed` : ''})`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function coverageNote(report: RunReport): string {
  const c = report.completeness;
  if (!unfinishedNote(report)) return '';
  return `The numbers below cover the ${c.done} finished samples only` +
    (report.run.status === 'running' ? '; the run is still running.\n\n' : `; \`crosscheck eval --resume ${report.run.id}\` runs the rest.\n\n`);
}

/** A metric value as a table cell: a share with its interval, a signed score with its interval, a number or a count. */
export function formatValue(v: MetricValue, opts: { point?: boolean } = {}): string {
  switch (v.type) {
    case 'count':
      return String(v.value);
    case 'proportion':
      return opts.point ? pct(v.p) : percentWithCi(v);
    case 'number':
      return v.lower === undefined || v.upper === undefined || opts.point || Number.isNaN(v.value) ? fixed(v.value) : `${fixed(v.value)} [${fixed(v.lower)}, ${fixed(v.upper)}]`;
    case 'score':
      return opts.point ? fixed(v.value) : withCi(v.value, v.lower, v.upper);
  }
}

/** One table per headline section (all items, or one kind of item), every model a row. */
function sideBySide(report: RunReport): string {
  return report.layout.headline.map((section) => {
    const rows = report.models.map((m) => {
      const results = resultsIn(m, section.group);
      return [m.label, ...section.columns.map((h) => {
        const r = results?.find((x) => x.name === h.metric);
        return r ? formatValue(r.value, { point: h.point }) : 'n/a';
      })];
    });
    return `## Side by side: ${section.scope} (graded by ${report.gradedBy})\n\n` + textTable(['model', ...section.columns.map((h) => h.title)], rows, true);
  }).join('\n') + graderNote(report);
}

/** The rule grader's measured agreement with people, beside its numbers. */
function graderNote(report: RunReport): string {
  return report.graderAgreement ? `\nGrader check: ${report.graderAgreement}\n` : '';
}


function modelSection(m: ModelReport, primaryTitle: string, caveat: string | null): string {
  const tables = m.breakdowns.length ? m.breakdowns : [{ key: '', columns: [{ value: 'all', title: 'all', rows: 0, results: m.overall }], rows: m.overall.map((r) => r.name) }];
  // Every table names its grader when the grader has a caveat ("a lower bound on errors").
  const notes = modelNotes(m, primaryTitle);
  const graded = caveat ? `graded by: ${caveat}\n\n` : '';
  return `\n## ${m.label}\n\n${graded}` + tables.map(metricTable).join('\n') + '\n' + notes.map((n) => `- ${n}`).join('\n') + '\n';
}

/** Rows are metrics, columns are "all" and each value of the grouping key. */
function metricTable(table: MetricTable): string {
  // Rows: every metric any column has, in declaration order; "—" where a metric does not apply.
  const rowsByName = new Map<string, string>();
  for (const name of table.rows) rowsByName.set(name, table.columns.flatMap((c) => c.results).find((r) => r.name === name)!.title);
  const cell = (results: MetricResult[], name: string) => {
    const r = results.find((x) => x.name === name);
    return r ? formatValue(r.value) : '—';
  };
  const rows = [...rowsByName].map(([name, title]) => [title, ...table.columns.map((c) => cell(c.results, name))]);
  return textTable(['metric', ...table.columns.map((c) => c.title)], rows, true);
}

function epochsSection(epochs: EpochReport[]): string {
  const t = epochsTable(epochs);
  return `\n## Epochs (${epochs[0].epochs} per sample)\n\n` +
    'Epochs of one sample are not independent: every interval in this report is clustered by sample (see Conditions).\n\n' +
    textTable(t.headers, t.rows, true);
}

function panelSection(panel: PanelReport): string {
  const agreement = agreementTable(panel);
  const self = selfPreferenceTable(panel);
  return `\n## Judges\n\n` +
    `Blind grading: self-identifying text was removed from ${panel.redactedTranscripts} transcripts before judging.\n\n` +
    `### Agreement (${labelWays(panel)} outcome; unscored grades count as missing)\n\n` +
    textTable(agreement.headers, agreement.rows, true) +
    (self.rows.length
      ? `\n### Self-preference (difference in differences: the judge's excess over the rest of the panel on its own lab's items, minus its excess on other labs' items; 95% cluster bootstrap by sample)\n\n` +
        textTable(self.headers, self.rows, true) +
        '\nA judge that is kind (or harsh) to every lab alike has a difference near 0; "self-preferring" means the interval lies above 0.\n'
      : '\nSelf-preference: needs at least two judges and a judge from a target\'s lab.\n');
}

function conditionsSection(report: RunReport): string {
  return `\n## Conditions\n\n${conditionLines(report).map((l) => `- ${l}`).join('\n')}\n`;
}
