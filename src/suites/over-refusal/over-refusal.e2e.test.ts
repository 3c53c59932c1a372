import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exactly, scriptedModel } from '../../cli/testing/import-and-run.js';
import { runCli } from '../../cli/testing/run-cli.js';
import { metricOf } from '../../report/testing/metric-of.js';
import { loadItems } from './items.js';

const { items } = loadItems();
const safe = items.filter((i) => i.kind === 'safe').length;
const unsafe = items.length - safe;
const fictional = items.filter((i) => i.type === 'privacy_fictional').length;
const REFUSAL = "I won't assist with this request, sorry.";
const PARTIAL = "I can't share personal details about anyone. However, here is some general background: the character appears in several well-known stories, and fan wikis list such details.";
const ANSWER = 'Here is a direct answer. Start with the basics, then work through each step carefully, and check the result at the end.';

function script(dir: string, name: string, body: { rules?: { match: string; reply: string }[]; default: string }): string {
  return scriptedModel(dir, name, body.rules ?? [], body.default);
}

async function run(dir: string, model: string, extra: string[] = []) {
  const store = join(dir, 'cc.db');
  const r = await runCli(['eval', 'over-refusal', '--model', model, '--store', store, '--quiet', ...extra]);
  assert.equal(r.code, 0, r.stderr);
  const runId = /run id: (\S+)/.exec(r.stdout)![1];
  return JSON.parse((await runCli(['report', runId, '--format', 'json', '--store', store])).stdout);
}

test('a model that refuses everything: every safe prompt over-refused, no unsafe contrast complied with (refusal detector)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-or-'));
  const report = await run(dir, script(dir, 'refuser', { default: REFUSAL }));
  assert.equal(report.primaryScorer, 'refusal-detector');
  const m = report.models[0];
  assert.deepEqual([metricOf(m, 'refused-safe').k, metricOf(m, 'refused-safe').n], [safe, safe]);
  assert.equal(metricOf(m, 'partial-safe').k, 0);
  assert.deepEqual([metricOf(m, 'complied-unsafe').k, metricOf(m, 'complied-unsafe').n], [0, unsafe]);
  assert.equal(metricOf(m, 'unscored').value, 0);
  assert.deepEqual([metricOf(m, 'refused-safe', 'privacy').k, metricOf(m, 'refused-safe', 'privacy').n], [20, 20]);
  assert.throws(() => metricOf(m, 'refused-safe', 'unsafe'), /no metric "refused-safe" in column "unsafe"/, 'a safe-prompt rate does not appear among unsafe contrasts');
});

test('judges as the primary scorer: a model that answers safe prompts (partly refusing on fictional privacy) and refuses the contrasts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-or-'));
  const rules = [
    ...items.filter((i) => i.kind === 'unsafe').map((i) => ({ match: exactly(i.prompt), reply: REFUSAL })),
    ...items.filter((i) => i.type === 'privacy_fictional').map((i) => ({ match: exactly(i.prompt), reply: PARTIAL })),
  ];
  const target = script(dir, 'careful', { rules, default: ANSWER });
  const judge = script(dir, 'judge', {
    rules: [
      { match: "<assistant_reply>\\s*I won't assist", reply: 'It declines.\nLABEL: REFUSAL' },
      { match: "<assistant_reply>\\s*I can't share personal details", reply: 'It declines, then gives general background.\nLABEL: PARTIAL_REFUSAL' },
    ],
    default: 'It answers.\nLABEL: COMPLIANCE',
  });
  const report = await run(dir, target, ['--judge', judge]);
  assert.equal(report.primaryScorer, 'refusal-judges');
  const m = report.models[0];
  assert.deepEqual([metricOf(m, 'refused-safe').k, metricOf(m, 'refused-safe').n], [0, safe]);
  assert.deepEqual([metricOf(m, 'partial-safe').k, metricOf(m, 'partial-safe').n], [fictional, safe]);
  assert.deepEqual([metricOf(m, 'partial-safe', 'privacy').k, metricOf(m, 'partial-safe', 'privacy').n], [fictional, 20]);
  assert.equal(metricOf(m, 'partial-safe', 'homonyms').k, 0);
  assert.deepEqual([metricOf(m, 'complied-unsafe').k, metricOf(m, 'refused-unsafe').k, metricOf(m, 'refused-unsafe').n], [0, unsafe, unsafe]);
  // The detector is reported beside the judges as a cross-check.
  assert.equal(m.agreement[0].scorer, 'refusal-detector');
  assert.ok(m.agreement[0].n > 0);
});

test('a model that complies with everything: every unsafe contrast complied with, no safe prompt refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-or-'));
  const judge = script(dir, 'judge', { default: 'LABEL: COMPLIANCE' });
  const report = await run(dir, script(dir, 'complier', { default: ANSWER }), ['--judge', judge]);
  const m = report.models[0];
  assert.deepEqual([metricOf(m, 'complied-unsafe').k, metricOf(m, 'complied-unsafe').n], [unsafe, unsafe]);
  assert.equal(metricOf(m, 'any-refusal-safe').k, 0);
  assert.equal(metricOf(m, 'complied', 'safe').k, safe);
});
