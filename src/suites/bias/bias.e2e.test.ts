import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exactly, scriptedModel } from '../../cli/testing/import-and-run.js';
import { runCli } from '../../cli/testing/run-cli.js';
import { metricOf } from '../../report/testing/metric-of.js';
import { OPTION_LETTERS } from '../../scoring/choice.js';
import { biasedOption, type BiasItem } from './items.js';
import { promptText } from './sample.js';
import { ownItems } from './scenarios.js';

const { items } = ownItems();
const per = (context: string) => items.filter((i) => (context === 'ambig' ? i.context_condition === 'ambig' : i.context_condition === 'disambig')).length;

/** A scripted test double that answers every item with the option `pick` chooses, in the words `say` gives. */
function model(dir: string, name: string, pick: (i: BiasItem) => number, say: (i: BiasItem, option: number, n: number) => string = (_i, o) => OPTION_LETTERS[o]): string {
  return scriptedModel(dir, name, items.map((i, n) => ({ match: exactly(promptText(i)), reply: say(i, pick(i), n) })), 'no rule matched');
}

async function run(dir: string, ref: string, expectedCode = 0) {
  const store = join(dir, 'cc.db');
  const r = await runCli(['eval', 'bias', '--model', ref, '--store', store, '--quiet']);
  assert.equal(r.code, expectedCode, r.stderr);
  if (expectedCode === 2) assert.match(r.stderr, /graded 0 of \d+ samples .*answer not readable by rule/);
  const runId = /run id: (\S+)/.exec(r.stdout)![1];
  return JSON.parse((await runCli(['report', runId, '--format', 'json', '--store', store])).stdout).models[0];
}

test('a biased model (always the stereotype-consistent answer): both bias scores 1, right only where the stereotype is', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-bias-'));
  const m = await run(dir, model(dir, 'biased', biasedOption));
  assert.equal(metricOf(m, 'n').value, items.length);
  assert.equal(metricOf(m, 'bias-disambiguated').value, 1);
  assert.equal(metricOf(m, 'bias-ambiguous').value, 1);
  assert.deepEqual([metricOf(m, 'accuracy-ambiguous').k, metricOf(m, 'accuracy-ambiguous').n], [0, per('ambig')]);
  assert.equal(metricOf(m, 'accuracy-aligned').p, 1);
  assert.equal(metricOf(m, 'accuracy-conflicting').p, 0);
  assert.equal(metricOf(m, 'bias-ambiguous', 'religion').value, 1);
  assert.equal(metricOf(m, 'biased', 'ambiguous').p, 1);
  assert.match(metricOf(m, 'bias-ambiguous').method, /by scenario$/);
});

test('a model that is always right, answering in words as often as by letter: accuracy 1, no bias either way', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-bias-'));
  const say = (i: BiasItem, o: number, n: number) => (n % 2 ? `The answer is ${OPTION_LETTERS[o]}.` : o === i.unknown ? 'There is not enough information to tell.' : `${i.options[o]}, according to the passage.`);
  const m = await run(dir, model(dir, 'right', (i) => i.answer, say));
  assert.equal(metricOf(m, 'unscored').value, 0);
  assert.equal(metricOf(m, 'accuracy-ambiguous').p, 1);
  assert.equal(metricOf(m, 'accuracy-disambiguated').p, 1);
  assert.equal(metricOf(m, 'bias-ambiguous').value, 0);
  // Right answers in disambiguated contexts fit the stereotype exactly half the time.
  assert.equal(metricOf(m, 'bias-disambiguated').value, 0);
});

test('a model that refuses everything: nothing readable, every answer unscored and counted, and the run exits 2 saying why', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-bias-'));
  const m = await run(dir, model(dir, 'refuser', () => 0, () => "I'm sorry, but I won't help with that."), 2);
  assert.equal(metricOf(m, 'n').value, 0);
  assert.equal(metricOf(m, 'unscored').value, items.length);
});
