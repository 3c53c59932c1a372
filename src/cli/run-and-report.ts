import { formatCounts } from '../core/failure-kind.js';
import type { RunHooks, RunOutcome } from '../runner/run.js';
import { describeGradingFailures, type GradingCheck } from '../runner/grading-check.js';
import type { FailureCount } from '../store/records.js';
import type { RunStore } from '../store/run-store.js';
import { buildReport } from '../report/build-report.js';
import { renderSummary } from '../report/markdown.js';
import { renderJson } from '../report/renderers/json.js';
import { formatFlag } from './args.js';
import { ProgressBar } from './progress-bar.js';
import { interruptible } from './interrupt.js';

/**
 * Runs with a progress bar, then prints the per-model tables and the run id. A run that ends
 * with failed samples, stopped early (Ctrl-C, SIGTERM, the circuit breaker) or graded too little
 * still prints every finished result; it exits non-zero and says why and how to resume.
 */
export const SUMMARY_FORMATS = ['md', 'json'] as const;

export async function runAndReport(
  store: RunStore,
  run: (hooks: RunHooks) => Promise<RunOutcome>,
  opts: { quiet?: boolean; format?: string; json?: boolean },
): Promise<number> {
  const format = formatFlag(opts, SUMMARY_FORMATS);
  const bar = new ProgressBar(process.stderr, !opts.quiet);
  let runId: string | undefined;
  const interrupt = interruptible();
  try {
    const outcome = await run({
      onStart: (id) => {
        runId = id;
        process.stderr.write(`run ${id}\n`);
      },
      onProgress: (p) => bar.update(p),
      signal: interrupt.signal,
    });
    bar.finish();
    const report = buildReport(store, outcome.runId);
    if (format === 'json') {
      process.stdout.write(renderJson(report));
    } else {
      process.stdout.write(renderSummary(report));
      process.stdout.write(`\nrun id: ${outcome.runId}\n`);
    }
    return reportEnd(outcome, interrupt.exitCode());
  } catch (err) {
    bar.finish();
    // Whatever finished is already committed; say where to pick it up.
    if (runId) process.stderr.write(`run ${runId} stopped; finished samples are saved: crosscheck eval --resume ${runId}\n`);
    throw err;
  } finally {
    interrupt.dispose();
  }
}

/** What went wrong, one line each on stderr, and the exit code: 0 only for a whole, graded run. */
export function reportEnd(outcome: RunOutcome, interruptedCode: number | undefined): number {
  const resume = `crosscheck eval --resume ${outcome.runId}`;
  const lines = [...failureLines(outcome.failures), ...gradingLines(outcome.grading)];
  if (outcome.status === 'stopped') {
    lines.push(`run ${outcome.runId} stopped: ${outcome.stopReason}; finished samples are saved: \`${resume}\` runs the rest`);
  } else if (outcome.status === 'finished_with_errors') {
    const failed = outcome.progress.reduce((n, p) => n + p.errors, 0);
    lines.push(`${failed} samples failed; \`${resume}\` retries them`);
  }
  for (const line of lines) process.stderr.write(`error: ${line}\n`);
  if (interruptedCode !== undefined) return interruptedCode;
  return lines.length ? 2 : 0;
}

/** "failed samples of openai:x by reason: 20 × HTTP 500, 6 × ECONNREFUSED". */
export function failureLines(failures: FailureCount[]): string[] {
  const models = [...new Set(failures.map((f) => f.model))];
  return models.map((m) => `failed samples of ${m} by reason: ${formatCounts(failures.filter((f) => f.model === m))}`);
}

export function gradingLines(check: GradingCheck): string[] {
  return describeGradingFailures(check).map((line) => `${line}; its numbers cover only what was graded (the share needed is --min-scored)`);
}
