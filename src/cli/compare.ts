import { UsageError } from '../core/errors.js';
import { buildCompareReport } from '../report/build-compare.js';
import { renderCompareMarkdown } from '../report/compare-markdown.js';
import { formatFlag, listFlag, parse } from './args.js';
import { openStore } from './store-flag.js';

export const COMPARE_USAGE = `crosscheck compare RUN [RUN2] --models A,B [--store PATH] [--format md|json]

Paired comparison of two models on the samples both finished: McNemar's exact test for each of
the suite's outcomes (for hallucination: correct, hallucinated, abstained); a seeded paired
bootstrap for its scores (for hallucination: penalised scores at t = 0, 0.5, 0.75, 0.9); Holm's
correction across all of them. Outcomes are the run's graders', or a human label where one
exists. With RUN2, model A comes from RUN and model B from RUN2 (same suite version needed).
  --models A,B       the two models, by label as \`crosscheck runs\` shows them
  --format md|json   Markdown (default) or JSON (--json)
  --store PATH       the store the runs are in (default .crosscheck/crosscheck.db); it must exist`;

type Output = { write(text: string): unknown };

const options = { models: { type: 'string', multiple: true }, store: { type: 'string' }, format: { type: 'string' }, json: { type: 'boolean' } } as const;

/** `out` is for tests, which call the command in-process. */
export async function compareCommand(argv: string[], out: Output = process.stdout): Promise<number> {
  const { values, positionals } = parse(argv, options, 'compare');
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError('compare takes one or two run ids: crosscheck compare RUN [RUN2] --models A,B');
  const models = listFlag(values.models) ?? [];
  if (models.length !== 2) throw new UsageError(`compare needs exactly two models: --models A,B (got ${models.length})`);
  const format = formatFlag(values, ['md', 'json'] as const);
  const [runA, runB = runA] = positionals;
  if (runA === runB && models[0] === models[1]) throw new UsageError(`compare: --models names "${models[0]}" twice; give two different models of run ${runA}`);

  const store = openStore(values.store, { mustExist: true });
  try {
    const report = buildCompareReport(store, { runId: runA, label: models[0] }, { runId: runB, label: models[1] });
    out.write(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderCompareMarkdown(report));
    return 0;
  } finally {
    store.close();
  }
}
