import type { CompareReport, CompareSide, MetricComparison } from './compare.js';
import { pct, signed } from './format.js';
import { textTable } from './text-table.js';

/** The `crosscheck compare` report: the table, what is significant after Holm, then the conditions. */
export function renderCompareMarkdown(r: CompareReport): string {
  const c = r.comparison;
  const d = c.pairing.dropped;
  const rows = c.metrics.map((m) => [
    m.metric, String(m.n), value(m, m.a), value(m, m.b), difference(m), testLabel(m), pValue(m.p), pValue(m.holmP),
    Number.isNaN(m.holmP) ? 'n/a' : m.significant ? 'yes' : 'no',
  ]);
  const drops = c.drops;
  const dropLine = (name: string, x: typeof drops.a) => `${name} dropped ${x.dropped} of ${x.samples} samples (${x.unscored} unscored, ${x.tied} with tied epochs)`;
  const significant = c.metrics.filter((m) => m.significant).map((m) => m.metric);
  const lines = [
    `# Paired comparison: A vs B`,
    '',
    `- A = ${r.a.label} (run ${r.a.runId})`,
    `- B = ${r.b.label} (run ${r.b.runId})`,
    '',
    textTable(['metric', 'n', 'A', 'B', 'difference (A − B)', 'test', 'p', 'Holm p', `significant (α ${c.alpha})`], rows, true).trimEnd(),
    '',
    `Significant at ${c.alpha} after Holm's correction across ${c.metrics.filter((m) => !Number.isNaN(m.p)).length} metrics: ${significant.length ? significant.join(', ') : 'none'}.`,
    '',
    `n paired: ${c.n} samples; n dropped: ${c.nDropped} (only A has ${d.onlyA}, only B has ${d.onlyB}, unscored for one side ${d.unscored}, epochs tied ${d.tied})` +
      (c.pairing.epochsUnpaired ? `; ${c.pairing.epochsUnpaired} epochs left out of paired samples` : ''),
    '',
    `Dropped before pairing: ${dropLine('A', drops.a)}; ${dropLine('B', drops.b)}; same drop rate? exact McNemar p = ${pValue(drops.pValue)}.`,
    ...(drops.warning ? ['', `**Warning:** ${drops.warning}. A difference between A and B may come from which samples each kept, not from how they answered.`] : []),
    '',
    '## Conditions',
    '',
    `- suite: ${r.suite}, version ${r.suiteVersion} (both sides)`,
    side('A', r.a),
    side('B', r.b),
    `- pairing: by sample id and epoch; ${epochNote(r)}`,
    `- tests: McNemar's exact test (two-sided) on discordant pairs for binary outcomes; for ${c.scoresNote}, an exact sign-flip ` +
      `(permutation) test of the mean difference up to 20 differing pairs, a seeded Monte Carlo sign-flip test above (p = (1 + extreme)/(1 + R)), ` +
      `with a 95% cluster-robust t interval of the difference; Holm's step-down correction across all metrics` +
      (c.metrics.some((m) => m.group !== null) ? '; item kinds are compared apart (pooling them would mix different measurements)' : ''),
  ];
  return lines.join('\n') + '\n';
}

function side(name: string, s: CompareSide): string {
  const graded = s.judged
    ? `judges ${s.judges.map((j) => `${j.ref} (lab ${j.lab}; returned ${j.returnedModels.join(', ') || 'n/a'})`).join(', ')}` +
      (s.panel ? `, panel ${s.panel.rule}${s.panel.excludeSameLab ? ', same-lab judges excluded' : ''}` : '') +
      `; judge prompts ${s.promptVersions.join(', ') || 'n/a'}`
    : `${s.scorerTitle} (no judge)`;
  return `- ${name}: ${s.label === s.ref ? s.ref : `${s.label} = ${s.ref}`}; returned model id ${s.returnedModels.join(', ') || 'none recorded'}; params ${JSON.stringify(s.params)}; ` +
    `run ${s.runId}, epochs ${s.epochs}, options ${JSON.stringify(s.suiteOptions)}; graded by ${graded}` +
    (s.humanLabelled ? `; ${s.humanLabelled} outcomes are human labels (they take precedence over graders)` : '');
}

function epochNote(r: CompareReport): string {
  return r.comparison.pairing.maxEpochs > 1 || r.a.epochs > 1 || r.b.epochs > 1
    ? 'several epochs: each model\'s epochs of a sample were reduced to one outcome by majority first (a tie drops the sample)'
    : 'one epoch per sample';
}

function value(m: MetricComparison, x: number): string {
  return m.discordant ? pct(x) : fixed(x);
}

function difference(m: MetricComparison): string {
  if (Number.isNaN(m.difference)) return 'n/a';
  if (m.discordant) return `${signed(m.difference * 100, 1)} pts`;
  return m.interval ? `${signed(m.difference)} [${signed(m.interval.lower)}, ${signed(m.interval.upper)}]` : signed(m.difference);
}

function testLabel(m: MetricComparison): string {
  if (m.discordant) return `McNemar exact (only A ${m.discordant.onlyA}, only B ${m.discordant.onlyB})`;
  return { 'mcnemar-exact': 'McNemar exact (0/1 scores)', 'sign-flip-exact': 'sign-flip exact', 'sign-flip-monte-carlo': 'sign-flip Monte Carlo' }[m.test];
}

function pValue(p: number): string {
  if (Number.isNaN(p)) return 'n/a';
  return p < 0.0001 ? p.toExponential(1) : p.toFixed(4);
}

function fixed(x: number): string {
  return Number.isNaN(x) ? 'n/a' : x.toFixed(3);
}
