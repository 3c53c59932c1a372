import type { RunReport } from '../build-report.js';

/** The whole report, every number with its interval, method and conditions, as JSON. */
export function renderJson(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
