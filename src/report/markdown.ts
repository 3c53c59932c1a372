import type { HallucinationMetrics } from '../suites/hallucination/metrics.js';
import { KIND_ORDER, type ModelReport, type RunReport } from './build-report.js';
import type { EpochReport } from './epochs-report.js';
import type { PanelReport } from './panel-report.js';
import { percentWithCi, pct, withCi } from './format.js';
import { textTable } from './text-table.js';

const KIND_TITLES: Record<string, string> = {
  all: 'all',
  answerable: 'answerable',
  nonexistent: 'invented entities',
  false_premise: 'false premises',
};

/** The per-model tables `eval` prints at the end of a run, with the conditions underneath. */
export function renderSummary(report: RunReport): string {
  return [
    sideBySide(report),
    ...report.models.map(modelSection),
    ...(report.epochs ? [epochsSection(report.epochs)] : []),
    ...(report.panel ? [panelSection(report.panel)] : []),
    conditionsSection(report),
  ].join('\n');
}

/** The full Markdown report: the summary plus failures. */
export function renderMarkdown(report: RunReport): string {
  const head = `# ${report.run.suite} — run ${report.run.id}\n\nstatus: ${report.run.status}; graded by: ${scorerLabel(report)}\n\n`;
  const failures = report.errors.length
    ? `\n## Failed samples (${report.errors.length})\n\n` +
      textTable(['model', 'sample', 'epoch', 'error'], report.errors.slice(0, 50).map((e) => [e.model, e.sampleId, String(e.epoch), e.error]), true) +
      (report.errors.length > 50 ? `\n(${report.errors.length - 50} more)\n` : '')
    : '';
  return head + renderSummary(report) + failures;
}

function scorerLabel(report: RunReport): string {
  const judges = report.conditions.judges;
  if (report.primaryScorer !== 'model-grader') return 'rule grader (alias match + abstention detector)';
  return judges.length === 1
    ? `model grader ${judges[0].ref}, blind (rule grader as a cross-check)`
    : `a panel of ${judges.length} judges, blind, ${report.conditions.panel.rule}${report.conditions.panel.excludeSameLab ? ', same-lab judges excluded' : ''} (rule grader as a cross-check)`;
}

function sideBySide(report: RunReport): string {
  const rows = report.models.map((m) => {
    const a = m.metrics.all;
    return [m.label, String(a.n), percentWithCi(a.correct), percentWithCi(a.incorrect), percentWithCi(a.abstained),
      fixed(a.fScore), pct(a.hallucinationRate.givenAttempted.p)];
  });
  return `## Side by side (all items, graded by ${scorerLabel(report)})\n\n` +
    textTable(['model', 'n', 'correct', 'incorrect', 'abstained', 'F-score', 'halluc. / attempted'], rows, true);
}

function modelSection(m: ModelReport): string {
  const kinds = KIND_ORDER.filter((k) => m.metrics[k]);
  const col = (f: (x: HallucinationMetrics) => string) => kinds.map((k) => f(m.metrics[k]));
  const rows: string[][] = [
    ['scored samples (n)', ...col((x) => String(x.n))],
    ['unscored (excluded)', ...col((x) => String(x.unscored))],
    ['correct', ...col((x) => percentWithCi(x.correct))],
    ['incorrect', ...col((x) => percentWithCi(x.incorrect))],
    ['abstained', ...col((x) => percentWithCi(x.abstained))],
    ['accuracy given attempted', ...col((x) => percentWithCi(x.accuracyGivenAttempted))],
    ['F-score', ...col((x) => fixed(x.fScore))],
    ['hallucination rate: incorrect / all', ...col((x) => percentWithCi(x.hallucinationRate.overall))],
    ['hallucination rate: incorrect / attempted', ...col((x) => percentWithCi(x.hallucinationRate.givenAttempted))],
    ...m.metrics.all.penalised.map((p, i) => [
      `penalised score, t = ${p.t} (wrong = -${fixed(p.penalty, 2)})`,
      ...col((x) => withCi(x.penalised[i].score, x.penalised[i].lower, x.penalised[i].upper)),
    ]),
  ];
  const notes = [
    `returned model id: ${m.returnedModels.join(', ') || 'none recorded'}`,
    `samples done ${m.samplesDone}, failed ${m.samplesFailed}` +
      (m.usage ? `; calls ${m.usage.calls} (cached ${m.usage.cachedCalls}), tokens in ${m.usage.inputTokens} / out ${m.usage.outputTokens}, mean latency ${Math.round(m.usage.meanLatencyMs)} ms, provider refusals ${m.usage.refusals}` : ''),
    m.humanLabelled ? `${m.humanLabelled} samples carry a human label (crosscheck review), which takes precedence over the graders` : '',
    m.graderAgreement ? `rule grader agrees with the model grader on ${m.graderAgreement.agree}/${m.graderAgreement.n} samples` : '',
  ].filter(Boolean);
  return `\n## ${m.label}\n\n` + textTable(['metric', ...kinds.map((k) => KIND_TITLES[k] ?? k)], rows, true) +
    '\n' + notes.map((n) => `- ${n}`).join('\n') + '\n';
}

function epochsSection(epochs: EpochReport[]): string {
  const rows = epochs.map((e) => [
    e.model, String(e.samples),
    e.correctClustered.defined ? `${pct(e.correctClustered.estimate)} [${pct(e.correctClustered.lower)}, ${pct(e.correctClustered.upper)}] (design effect ${fixed(e.correctClustered.designEffect, 2)})` : 'n/a',
    percentWithCi(e.majority.correct), percentWithCi(e.majority.incorrect), pct(e.passAtK), pct(e.passHatK), percentWithCi(e.consistency),
  ]);
  return `\n## Epochs (${epochs[0].epochs} per sample)\n\n` +
    'Epochs of one sample are not independent: quote the cluster-robust interval (clusters = samples), not the per-item ones above.\n\n' +
    textTable(['model', 'samples', 'correct, cluster-robust 95%', 'majority correct', 'majority incorrect', 'pass@k', 'pass^k', 'same outcome every epoch'], rows, true);
}

function panelSection(panel: PanelReport): string {
  const agreementRows = panel.agreement.map((a) => [
    a.scope, String(a.items),
    a.pairwiseKappa.map((k) => `${k.a} ~ ${k.b}: ${fixed(k.kappa)} (n ${k.n})`).join('; ') || 'n/a',
    `${fixed(a.fleissKappa)} (n ${a.fleissItems})`, fixed(a.krippendorffAlpha),
  ]);
  const selfRows = panel.selfPreference.map((s) => [
    s.judge, s.lab, String(s.n), s.defined ? withCi(s.difference, s.lower, s.upper) : `n/a (${s.reason ?? 'no own-lab items'})`,
    s.defined ? fixed(s.pValue) : 'n/a',
  ]);
  return `\n## Judges\n\n` +
    `Blind grading: self-identifying text was removed from ${panel.redactedTranscripts} transcripts before judging.\n\n` +
    `### Agreement (three-way outcome; unscored grades count as missing)\n\n` +
    textTable(['items of', 'items', "Cohen's kappa, pairwise", "Fleiss' kappa", "Krippendorff's alpha"], agreementRows, true) +
    (selfRows.length
      ? `\n### Self-preference (judge's own-lab grades minus the rest of the panel's, same items; 95% paired bootstrap)\n\n` +
        textTable(['judge', 'lab', 'own-lab items', 'difference', 'p'], selfRows, true)
      : '\nSelf-preference: needs at least two judges and a judge from a target\'s lab.\n');
}

function conditionsSection(report: RunReport): string {
  const c = report.conditions;
  const lines = [
    `suite: ${c.suite}, version ${c.suiteVersion}; options ${JSON.stringify(c.suiteOptions)}; epochs ${c.epochs}`,
    `run: started ${c.startedAt}, finished ${c.finishedAt ?? 'not yet'}; Crosscheck ${c.crosscheckVersion}; timeout ${c.timeoutMs / 1000} s, max retries ${c.maxRetries}`,
    ...report.models.map((m) => `target ${m.label}: params ${JSON.stringify(m.params)}; returned ${m.returnedModels.join(', ') || 'n/a'}`),
    ...(c.judges.length
      ? c.judges.map((j) => `judge ${j.ref} (lab ${j.lab}): returned ${j.returnedModels.join(', ') || 'n/a'}`)
      : ['judge: none (rule grader only)']),
    ...(c.judges.length ? [`panel rule: ${c.panel.rule}; same-lab judges ${c.panel.excludeSameLab ? 'excluded' : 'included'}; judge prompt versions ${c.promptVersions.join(', ') || 'n/a'}`] : []),
    `intervals: Wilson 95% for proportions; seeded percentile bootstrap (${report.models[0]?.metrics.all.bootstrap.resamples ?? 0} resamples) for penalised scores`,
  ];
  return `\n## Conditions\n\n${lines.map((l) => `- ${l}`).join('\n')}\n`;
}

function fixed(x: number, digits = 3): string {
  return Number.isNaN(x) ? 'n/a' : x.toFixed(digits);
}
