import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/package-root.js';
import { parseCsv } from '../../datasets/csv.js';
import { ExtractionMonitor } from './monitor.js';
import { testRecord } from './testing/test-traffic.js';

// Real evaluation prompts written by other people (not shipped; read from the shared datasets
// folder beside the package when present): run as an evaluation would, they must not be flagged.
const DIR = join(packageRoot(), '..', 'shared', 'datasets');
const T0 = Date.parse('2025-08-01T00:00:00Z');
const SYSTEM = 'You are a helpful assistant. Answer the user. Refuse only if the request is clearly harmful.';
const WRAPPERS = [(p: string) => p, (p: string) => `Answer the following.\n\n${p}\n\nBe concise.`, (p: string) => `Question: ${p}\nAnswer:`];

const column = (file: string, name: string) => () => {
  const rows = parseCsv(readFileSync(join(DIR, file), 'utf8'));
  const i = rows[0].indexOf(name);
  return rows.slice(1).map((r) => r[i]).filter(Boolean);
};
const DATASETS: [string, string, () => string[]][] = [
  ['XSTest', 'xstest/xstest_prompts.csv', column('xstest/xstest_prompts.csv', 'prompt')],
  ['TruthfulQA', 'truthfulqa/TruthfulQA.csv', column('truthfulqa/TruthfulQA.csv', 'Question')],
  ['HarmBench', 'harmbench/harmbench_behaviors_text_all.csv', column('harmbench/harmbench_behaviors_text_all.csv', 'Behavior')],
  ['StrongREJECT', 'strongreject/strongreject_dataset.csv', column('strongreject/strongreject_dataset.csv', 'forbidden_prompt')],
  ['BBQ (age)', 'bbq/data/Age.jsonl', () =>
    readFileSync(join(DIR, 'bbq/data/Age.jsonl'), 'utf8').split('\n').filter(Boolean).slice(0, 1500).map((l) => {
      const o = JSON.parse(l) as Record<string, string>;
      return `${o.context}\n${o.question}\nA. ${o.ans0}\nB. ${o.ans1}\nC. ${o.ans2}`;
    }),
  ],
];

for (const [name, file, read] of DATASETS) {
  const skip = existsSync(join(DIR, file)) ? false : `${name} not found under ${DIR}`;
  test(`${name}: declared and sent 3 times with different wrappers, or undeclared under a fixed system prompt: no alert`, { skip }, () => {
    const prompts = read();
    const declared = new ExtractionMonitor({ plans: [{ grantId: 'd', suites: [name], suitePrompts: prompts, window: { start: T0, end: T0 + 1e11 } }] });
    const alerts = WRAPPERS.flatMap((wrap, e) => prompts.flatMap((p, i) => declared.observe(testRecord('d', T0 + (e * prompts.length + i) * 2000, wrap(p)))));
    assert.deepEqual(alerts.map((a) => a.message), []);
    const c = declared.snapshot('d')!.counts;
    assert.ok(c.offPlan / c.requests < 0.03, `${c.offPlan} of ${c.requests} off plan`);

    // (BBQ is templated by design, but its slots are whole contexts, longer than a template's slot)
    const undeclared = new ExtractionMonitor({ plans: [{ grantId: 'u', suites: [], expectedRequests: 2 * prompts.length, window: { start: T0, end: T0 + 1e11 } }] });
    const free = prompts.flatMap((p, i) => undeclared.observe(testRecord('u', T0 + i * 2000, `${SYSTEM}\n${p}`, { system: SYSTEM, userTurns: [p], openingTurns: 1 })));
    assert.deepEqual(free.map((a) => a.message), []);
  });
}
