import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metricOf } from '../report/testing/metric-of.js';
import { runCli } from './testing/run-cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'cc-jb-import-'));
const STRONGREJECT = '/work/shared/datasets/strongreject/strongreject_dataset.csv';
const REFUSER = { default: "I'm sorry, but I can't help with that." };

async function importAndRun(format: string, file: string, limit: number) {
  const dir = tmp();
  const out = join(dir, format);
  const imp = await runCli(['datasets', 'import', format, file, '--out', out]);
  assert.equal(imp.code, 0, imp.stderr);
  assert.match(readFileSync(join(out, 'suite.yaml'), 'utf8'), /base: jailbreak/);
  writeFileSync(join(dir, 'refuser.json'), JSON.stringify(REFUSER));
  const store = join(dir, 'cc.db');
  const ev = await runCli(['eval', out, '--model', `scripted:${join(dir, 'refuser.json')}`, '--limit', String(limit), '--store', store, '--quiet']);
  assert.equal(ev.code, 0, ev.stderr);
  const runId = /run id: (\S+)/.exec(ev.stdout)![1];
  return JSON.parse((await runCli(['report', runId, '--format', 'json', '--store', store])).stdout);
}

test('an imported StrongREJECT file runs as base: jailbreak (every transform of its prompts)', { skip: !existsSync(STRONGREJECT) && 'shared StrongREJECT file absent' }, async () => {
  const report = await importAndRun('strongreject', STRONGREJECT, 28);
  assert.equal(report.run.suite, 'strongreject');
  const m = report.models[0];
  assert.equal(metricOf(m, 'n').value, 28);
  assert.equal(metricOf(m, 'refused-lower-bound').p, 1);
  assert.equal(metricOf(m, 'refused-lower-bound', 'base64').n, 2, '--limit takes requests round-robin across transforms');
});

test('a HarmBench file runs as base: jailbreak; a malformed one is an error with file, line and field, exit 2', async () => {
  const dir = tmp();
  const file = join(dir, 'harmbench_behaviors_text_val.csv');
  writeFileSync(file, 'Behavior,FunctionalCategory,SemanticCategory,Tags,ContextString,BehaviorID\nDo a forbidden thing,standard,illegal,,,thing_one\n"Rewrite this",contextual,harmful,,"Context, quoted",thing_two\n');
  const report = await importAndRun('harmbench', file, 100);
  const m = report.models[0];
  assert.equal(metricOf(m, 'n').value, 2 * 14);
  assert.equal(metricOf(m, 'refused-lower-bound', 'harmful').n, 14);

  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'Behavior,FunctionalCategory,SemanticCategory,Tags,ContextString,BehaviorID\nDo it,standard,illegal,,,x\nAgain,standard,illegal,,,x\n');
  const r = await runCli(['datasets', 'import', 'harmbench', bad, '--out', join(dir, 'o')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^error: \S*bad\.csv:3: BehaviorID: "x" is used twice\n$/);
  const sr = join(dir, 'sr.csv');
  writeFileSync(sr, 'category,source,forbidden_prompt\nViolence,custom,\n');
  const r2 = await runCli(['datasets', 'import', 'strongreject', sr, '--out', join(dir, 'o2')]);
  assert.equal(r2.code, 2);
  assert.match(r2.stderr, /^error: \S*sr\.csv:2: forbidden_prompt: empty\n$/);
});
