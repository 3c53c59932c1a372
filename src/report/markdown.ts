import type { MetricResult, MetricValue } from '../core/measures.js';
import type { ModelReport, RunReport } from './build-report.js';
import type { MetricTable } from './compute-metrics.js';
import type { EpochReport } from './epochs-report.js';
import type { PanelReport } from './panel-report.js';
import { percentWithCi, pct, signed, withCi } from './format.js';
import { textTable } from './text-table.js';

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
      const results = sectionResults(m, section);
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

/** A model's results for a headline section: its group's column, or every sample. */
function sectionResults(m: ModelReport, section: RunReport['layout']['headline'][number]): MetricResult[] | undefined {
  if (!section.group) return m.overall;
  const table = m.breakdowns.find((t) => t.key === section.group!.key);
  return table?.columns.find((c) => c.value === section.group!.value)?.results;
}

function modelSection(m: ModelReport, primaryTitle: string, caveat: string | null): string {
  const tables = m.breakdowns.length ? m.breakdowns : [{ key: '', columns: [{ value: 'all', title: 'all', rows: 0, results: m.overall }], rows: m.overall.map((r) => r.name) }];
  // Every table names its grader when the grader has a caveat ("a lower bound on errors").
  const notes = [
    `returned model id: ${m.returnedModels.join(', ') || 'none recorded'}`,
    `samples done ${m.samplesDone}, failed ${m.samplesFailed}` +
      (m.usage ? `; calls ${m.usage.calls} (cached ${m.usage.cachedCalls}), tokens in ${m.usage.inputTokens} / out ${m.usage.outputTokens}, mean latency ${Math.round(m.usage.meanLatencyMs)} ms, provider refusals ${m.usage.refusals}` : ''),
    m.humanLabelled ? `${m.humanLabelled} samples carry a human label (crosscheck review), which takes precedence over the graders` : '',
    ...m.agreement.map((a) => `${a.title} agrees with the ${primaryTitle} on ${a.agree}/${a.n} samples`),
  ].filter(Boolean);
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
  const success = epochs[0].success;
  const rows = epochs.map((e) => [
    e.model, String(e.samples),
    ...(success === null ? [] : [clustered(e)]),
    ...e.majority.map((m) => percentWithCi(m.share)),
    ...(success === null ? [] : [pct(e.passAtK), pct(e.passHatK)]),
    percentWithCi(e.consistency),
  ]);
  const title = (label: string) => label;
  return `\n## Epochs (${epochs[0].epochs} per sample)\n\n` +
    'Epochs of one sample are not independent: every interval in this report is clustered by sample (see Conditions).\n\n' +
    textTable([
      'model', 'samples',
      ...(success === null ? [] : [`${title(success)}, clustered 95%`]),
      ...epochs[0].majority.map((m) => `majority ${title(m.label)}`),
      ...(success === null ? [] : ['pass@k', 'pass^k']),
      'same outcome every epoch',
    ], rows, true);
}

function clustered(e: EpochReport): string {
  const c = e.successClustered;
  return c && c.defined ? `${pct(c.estimate)} [${pct(c.lower)}, ${pct(c.upper)}] (design effect ${fixed(c.designEffect, 2)})` : `n/a${c?.reason ? ` (${c.reason})` : ''}`;
}

const WAYS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

function panelSection(panel: PanelReport): string {
  const agreementRows = panel.agreement.map((a) => [
    a.scope, String(a.items),
    a.pairwiseKappa.map((k) => `${k.a} ~ ${k.b}: ${fixed(k.kappa)} (n ${k.n})`).join('; ') || 'n/a',
    `${fixed(a.fleissKappa)} (n ${a.fleissItems})`, fixed(a.krippendorffAlpha),
  ]);
  const selfRows = panel.selfPreference.map((s) => [
    s.judge, s.lab, `${s.n} / ${s.nOther}`,
    s.defined ? signed(s.ownExcess) : 'n/a', s.defined ? signed(s.otherExcess) : 'n/a',
    s.defined ? withCi(s.difference, s.lower, s.upper) : `n/a (${s.reason ?? 'no own-lab items'})`,
    s.defined ? fixed(s.pValue) : 'n/a', s.defined ? (s.flagged ? 'yes' : 'no') : 'n/a',
  ]);
  const ways = `${WAYS[panel.labels.length] ?? panel.labels.length}-way`;
  return `\n## Judges\n\n` +
    `Blind grading: self-identifying text was removed from ${panel.redactedTranscripts} transcripts before judging.\n\n` +
    `### Agreement (${ways} outcome; unscored grades count as missing)\n\n` +
    textTable(['items of', 'items', "Cohen's kappa, pairwise", "Fleiss' kappa", "Krippendorff's alpha"], agreementRows, true) +
    (selfRows.length
      ? `\n### Self-preference (difference in differences: the judge's excess over the rest of the panel on its own lab's items, minus its excess on other labs' items; 95% cluster bootstrap by sample)\n\n` +
        textTable(['judge', 'lab', 'items own / other labs', 'excess, own lab', 'excess, other labs', 'difference in differences', 'p', 'self-preferring'], selfRows, true) +
        '\nA judge that is kind (or harsh) to every lab alike has a difference near 0; "self-preferring" means the interval lies above 0.\n'
      : '\nSelf-preference: needs at least two judges and a judge from a target\'s lab.\n');
}

function conditionsSection(report: RunReport): string {
  const c = report.conditions;
  const lines = [
    `suite: ${c.suite}, version ${c.suiteVersion}; options ${JSON.stringify(c.suiteOptions)}; epochs ${c.epochs}`,
    `run: started ${c.startedAt}, finished ${c.finishedAt ?? 'not yet'}; Crosscheck ${c.crosscheckVersion}; timeout ${c.timeoutMs / 1000} s, max retries ${c.maxRetries}`,
    ...report.models.map((m) => `target ${m.label}: ${m.instructionRole}; params ${JSON.stringify(m.params)}; returned ${m.returnedModels.join(', ') || 'n/a'}`),
    ...(c.instructionRoles ? [c.instructionRoles] : []),
    ...c.roles.map((r) => `${r.role} ${r.spec.ref} (lab ${r.spec.lab}): params ${JSON.stringify(r.spec.params)}; returned ${r.returnedModels.join(', ') || 'n/a'}`),
    ...(c.judges.length
      ? c.judges.map((j) => `judge ${j.ref} (lab ${j.lab}): returned ${j.returnedModels.join(', ') || 'n/a'}`)
      : [`judge: none (${report.primaryTitle} only)`]),
    ...(c.judges.length ? [`panel rule: ${c.panel.rule}; same-lab judges ${c.panel.excludeSameLab ? 'excluded' : 'included'}; judge prompt versions ${c.promptVersions.join(', ') || 'n/a'}`] : []),
    `intervals (95%): ${report.intervals.map((i) => `${i.method}: ${i.description}`).join('; ') || 'none'}`,
  ];
  return `\n## Conditions\n\n${lines.map((l) => `- ${l}`).join('\n')}\n`;
}

function fixed(x: number, digits = 3): string {
  return Number.isNaN(x) ? 'n/a' : x.toFixed(digits);
}
