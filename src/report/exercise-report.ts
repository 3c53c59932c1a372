/**
 * One report across an exercise's suites: each suite's run report, built by the same code as
 * `crosscheck report`, under the exercise's name, models and judges.
 */
import type { RunStore } from '../store/run-store.js';
import { buildReport, type RunReport } from './build-report.js';
import { renderSummary } from './markdown.js';

export interface ExerciseReport {
  exercise: { id: string; name: string; createdAt: string; description?: string };
  runs: RunReport[];
  /** Suites of the exercise with no run yet (it was stopped before they started). */
  notStarted: number;
}

export function buildExerciseReport(store: RunStore, id: string, exercise: { id: string; name: string; createdAt: string; runIds: string[]; config: { description?: string; suites: unknown[] } }): ExerciseReport {
  return {
    exercise: { id, name: exercise.name, createdAt: exercise.createdAt, ...(exercise.config.description ? { description: exercise.config.description } : {}) },
    runs: exercise.runIds.map((runId) => buildReport(store, runId)),
    notStarted: exercise.config.suites.length - exercise.runIds.length,
  };
}

export function renderExerciseMarkdown(r: ExerciseReport): string {
  const lines = [
    `# Exercise ${r.exercise.name} — ${r.exercise.id}`,
    '',
    ...(r.exercise.description ? [r.exercise.description, ''] : []),
    `${r.runs.length} suite${r.runs.length === 1 ? '' : 's'}: ${r.runs.map((x) => `${x.run.suite} (run ${x.run.id}, ${x.run.status})`).join('; ')}` +
      (r.notStarted ? `; ${r.notStarted} not started yet (crosscheck exercise run --resume ${r.exercise.id})` : ''),
    '',
  ];
  // Each suite's tables one heading level down, under the suite's name.
  const sections = r.runs.map((x) => `# ${x.run.suite} (run ${x.run.id})\n\ngraded by: ${x.gradedBy}\n\n${renderSummary(x)}`.replace(/^(#+) /gm, '#$1 '));
  return lines.join('\n') + sections.join('\n');
}
