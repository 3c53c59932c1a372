import { HUMAN_LABELS } from './calibration.js';
import type { CalibrationResult, JudgeCalibration } from './calibration-grading.js';
import { percentWithCi } from '../../../report/format.js';
import { textTable } from '../../../report/text-table.js';

export interface CalibrationConditions {
  labelsFile: string;
  items: number;
  judges: { ref: string; lab: string; returnedModels: string[] }[];
  cachedCalls: number;
  calls: number;
}

/** `crosscheck judges calibrate` output: one summary table, a confusion matrix per judge and the panel, conditions. */
export function renderCalibrationMarkdown(r: CalibrationResult, c: CalibrationConditions): string {
  const all = [...r.judges, r.panel];
  const summary = textTable(
    ['judge', 'n', 'unscored', 'accuracy vs human', "Cohen's kappa vs human"],
    all.map((j) => [label(j, r), String(j.stats.n), String(j.stats.unscored), percentWithCi(j.stats.accuracy),
      j.stats.kappa.defined ? j.stats.kappa.kappa.toFixed(3) : `n/a (${j.stats.kappa.reason})`]),
    true,
  );
  const matrices = all.map((j) => `\n### ${label(j, r)}: confusion (rows human, columns judge; unscored left out)\n\n` +
    textTable(['human \\ judge', ...HUMAN_LABELS], HUMAN_LABELS.map((h, i) => [h, ...j.stats.confusion[i].map(String)]), true) +
    (j.unscoredReasons.length ? `\nunscored: ${j.unscoredReasons.map((u) => `${u.n} × ${u.reason}`).join('; ')}\n` : ''));
  const conditions = [
    `labels: ${c.labelsFile} (${c.items} items; human labels correct / incorrect / abstained)`,
    ...c.judges.map((j) => `judge ${j.ref} (lab ${j.lab}): returned ${j.returnedModels.join(', ') || 'n/a'}`),
    `judge prompt ${r.promptVersion}; panel rule ${r.rule} (a quorum of more than half the judges must grade)`,
    `judge calls: ${c.calls} (${c.cachedCalls} answered from the store's response cache)`,
    `accuracy: share of graded items with the human's label, Wilson 95% interval; kappa: Cohen's, unscored items left out`,
  ];
  return `# Judge calibration against human labels\n\n${summary}${matrices.join('')}\n## Conditions\n\n${conditions.map((l) => `- ${l}`).join('\n')}\n`;
}

function label(j: JudgeCalibration, r: CalibrationResult): string {
  return j.name === 'panel' ? `panel (${r.rule} of ${r.judges.length})` : j.name;
}
