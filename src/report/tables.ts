/**
 * The report's tables as rows of text, shared by every format that prints them (Markdown draws
 * them as text tables, HTML as table elements), so the formats cannot drift apart.
 */
import type { ModelReport, RunReport } from './build-report.js';
import type { EpochReport } from './epochs-report.js';
import type { PanelReport } from './panel-report.js';
import { percentWithCi, pct, signed, withCi } from './format.js';

export interface TextTable {
  headers: string[];
  rows: string[][];
}

export function epochsTable(epochs: EpochReport[]): TextTable {
  const success = epochs[0].success;
  const rows = epochs.map((e) => [
    e.model, String(e.samples),
    ...(success === null ? [] : [clustered(e)]),
    ...e.majority.map((m) => percentWithCi(m.share)),
    ...(success === null ? [] : [pct(e.passAtK), pct(e.passHatK)]),
    percentWithCi(e.consistency),
  ]);
  const headers = [
    'model', 'samples',
    ...(success === null ? [] : [`${success}, clustered 95%`]),
    ...epochs[0].majority.map((m) => `majority ${m.label}`),
    ...(success === null ? [] : ['pass@k', 'pass^k']),
    'same outcome every epoch',
  ];
  return { headers, rows };
}

function clustered(e: EpochReport): string {
  const c = e.successClustered;
  return c && c.defined ? `${pct(c.estimate)} [${pct(c.lower)}, ${pct(c.upper)}] (design effect ${fixed(c.designEffect, 2)})` : `n/a${c?.reason ? ` (${c.reason})` : ''}`;
}

const WAYS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** "three-way": how many labels the judges chose among. */
export function labelWays(panel: PanelReport): string {
  return `${WAYS[panel.labels.length] ?? panel.labels.length}-way`;
}

export function agreementTable(panel: PanelReport): TextTable {
  return {
    headers: ['items of', 'items', "Cohen's kappa, pairwise", "Fleiss' kappa", "Krippendorff's alpha"],
    rows: panel.agreement.map((a) => [
      a.scope, String(a.items),
      a.pairwiseKappa.map((k) => `${k.a} ~ ${k.b}: ${fixed(k.kappa)} (n ${k.n})`).join('; ') || 'n/a',
      `${fixed(a.fleissKappa)} (n ${a.fleissItems})`, fixed(a.krippendorffAlpha),
    ]),
  };
}

export function selfPreferenceTable(panel: PanelReport): TextTable {
  return {
    headers: ['judge', 'lab', 'items own / other labs', 'excess, own lab', 'excess, other labs', 'difference in differences', 'p', 'self-preferring'],
    rows: panel.selfPreference.map((s) => [
      s.judge, s.lab, `${s.n} / ${s.nOther}`,
      s.defined ? signed(s.ownExcess) : 'n/a', s.defined ? signed(s.otherExcess) : 'n/a',
      s.defined ? withCi(s.difference, s.lower, s.upper) : `n/a (${s.reason ?? 'no own-lab items'})`,
      s.defined ? fixed(s.pValue) : 'n/a', s.defined ? (s.flagged ? 'yes' : 'no') : 'n/a',
    ]),
  };
}

/** The conditions of a run, one line each. */
export function conditionLines(report: RunReport): string[] {
  const c = report.conditions;
  return [
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
}

export function fixed(x: number, digits = 3): string {
  return Number.isNaN(x) ? 'n/a' : x.toFixed(digits);
}

/** What else a reader needs beside a model's numbers: returned ids, samples done and failed, calls, human labels, cross-checks. */
export function modelNotes(m: ModelReport, primaryTitle: string): string[] {
  return [
    `returned model id: ${m.returnedModels.join(', ') || 'none recorded'}`,
    `samples done ${m.samplesDone}, failed ${m.samplesFailed}` +
      (m.usage ? `; calls ${m.usage.calls} (cached ${m.usage.cachedCalls}), tokens in ${m.usage.inputTokens} / out ${m.usage.outputTokens}, mean latency ${Math.round(m.usage.meanLatencyMs)} ms, provider refusals ${m.usage.refusals}` : ''),
    m.humanLabelled ? `${m.humanLabelled} samples carry a human label (crosscheck review), which takes precedence over the graders` : '',
    ...m.agreement.map((a) => `${a.title} agrees with the ${primaryTitle} on ${a.agree}/${a.n} samples`),
  ].filter(Boolean);
}
