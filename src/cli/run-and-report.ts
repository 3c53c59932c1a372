import type { RunHooks, RunOutcome } from '../runner/run.js';
import type { RunStore } from '../store/run-store.js';
import { buildReport } from '../report/build-report.js';
import { renderSummary } from '../report/markdown.js';
import { ProgressBar } from './progress-bar.js';

/**
 * Runs with a progress bar, then prints the per-model tables and the run id. A run that ends
 * with failed samples still prints every finished result; it exits 2 and says how to retry.
 */
export async function runAndReport(
  store: RunStore,
  run: (hooks: RunHooks) => Promise<RunOutcome>,
  opts: { quiet?: boolean },
): Promise<number> {
  const bar = new ProgressBar(process.stderr, !opts.quiet);
  let runId: string | undefined;
  try {
    const outcome = await run({
      onStart: (id) => {
        runId = id;
        process.stderr.write(`run ${id}\n`);
      },
      onProgress: (p) => bar.update(p),
    });
    bar.finish();
    process.stdout.write(renderSummary(buildReport(store, outcome.runId)));
    process.stdout.write(`\nrun id: ${outcome.runId}\n`);
    if (outcome.status === 'finished_with_errors') {
      const failed = outcome.progress.reduce((n, p) => n + p.errors, 0);
      process.stderr.write(`error: ${failed} samples failed; \`crosscheck eval --resume ${outcome.runId}\` retries them\n`);
      return 2;
    }
    return 0;
  } catch (err) {
    bar.finish();
    // Whatever finished is already committed; say where to pick it up.
    if (runId) process.stderr.write(`run ${runId} stopped; finished samples are saved: crosscheck eval --resume ${runId}\n`);
    throw err;
  }
}
