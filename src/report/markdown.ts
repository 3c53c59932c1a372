import type { HallucinationMetrics } from '../metrics/hallucination-metrics.js';
import { KIND_ORDER, type ModelReport, type RunReport } from './build-report.js';
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
  return report.primaryScorer === 'model-grader'
    ? `model grader ${report.conditions.judge?.ref} (rule grader as a cross-check)`
    : 'rule grader (alias match + abstention detector)';
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
    m.graderAgreement ? `rule grader agrees with the model grader on ${m.graderAgreement.agree}/${m.graderAgreement.n} samples` : '',
  ].filter(Boolean);
  return `\n## ${m.label}\n\n` + textTable(['metric', ...kinds.map((k) => KIND_TITLES[k] ?? k)], rows, true) +
    '\n' + notes.map((n) => `- ${n}`).join('\n') + '\n';
}

function conditionsSection(report: RunReport): string {
  const c = report.conditions;
  const lines = [
    `suite: ${c.suite}, version ${c.suiteVersion}; options ${JSON.stringify(c.suiteOptions)}; epochs ${c.epochs}`,
    `run: started ${c.startedAt}, finished ${c.finishedAt ?? 'not yet'}; Crosscheck ${c.crosscheckVersion}; timeout ${c.timeoutMs / 1000} s, max retries ${c.maxRetries}`,
    ...report.models.map((m) => `target ${m.label}: params ${JSON.stringify(m.params)}; returned ${m.returnedModels.join(', ') || 'n/a'}`),
    c.judge
      ? `judge ${c.judge.ref}: returned ${c.judge.returnedModels.join(', ') || 'n/a'}; prompt versions ${c.judge.promptVersions.join(', ') || 'n/a'}`
      : 'judge: none (rule grader only)',
    `intervals: Wilson 95% for proportions; seeded percentile bootstrap (${report.models[0]?.metrics.all.bootstrap.resamples ?? 0} resamples) for penalised scores`,
  ];
  return `\n## Conditions\n\n${lines.map((l) => `- ${l}`).join('\n')}\n`;
}

function fixed(x: number, digits = 3): string {
  return Number.isNaN(x) ? 'n/a' : x.toFixed(digits);
}
