import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { startFakeOpenAIServer } from '../models/testing/fake-openai-server.js';
import { loadItems } from '../suites/hallucination/items.js';
import { compareCommand } from './compare.js';
import { runCli } from './testing/run-cli.js';

const { items } = loadItems();
const itemFor = (body: any) => items.find((i) => body.messages.at(-1).content.endsWith(i.question))!;

const oracle = await startFakeOpenAIServer({ text: (b) => `The answer is ${itemFor(b).answers[0]}.`, model: 'oracle-2025-01-01' });
const wrong = await startFakeOpenAIServer({ text: 'The answer is Zanzibar.', model: 'wrong-2025-01-01' });
// Right on the first two asks of each question, wrong on the third: with three epochs, right by majority.
const asked = new Map<string, number>();
const mostly = await startFakeOpenAIServer({
  text: (b) => {
    const item = itemFor(b);
    const n = (asked.get(item.id) ?? 0) + 1;
    asked.set(item.id, n);
    return n <= 2 ? `The answer is ${item.answers[0]}.` : 'The answer is Zanzibar.';
  },
});
const judge = await startFakeOpenAIServer({ text: (b) => (b.messages[0].content.includes('Zanzibar') ? 'GRADE: INCORRECT' : 'GRADE: CORRECT'), model: 'judge-7' });
after(() => Promise.all([oracle, wrong, mostly, judge].map((s) => s.close())));

const refs = {
  oracle: `openai:oracle@${oracle.url}`,
  wrong: `openai:wrong@${wrong.url}`,
  mostly: `openai:mostly@${mostly.url}`,
  judge: `openai:judge@${judge.url}`,
};
const store = join(mkdtempSync(join(tmpdir(), 'cc-compare-')), 'cc.db');
const runs = { both: '', wrongOnly: '', otherVersion: '', epochs: '' };

async function evalRun(args: string[]): Promise<string> {
  const r = await runCli(['eval', 'hallucination', '--category', 'answerable', '--store', store, '--quiet', ...args]);
  assert.equal(r.code, 0, r.stderr);
  return /run id: (\S+)/.exec(r.stdout)![1];
}

before(async () => {
  // The first run creates the store alone: the others then share an already migrated file.
  runs.both = await evalRun(['--model', refs.oracle, '--model', refs.wrong, '--limit', '12']);
  [runs.wrongOnly, runs.otherVersion, runs.epochs] = await Promise.all([
    evalRun(['--model', refs.wrong, '--limit', '10']),
    evalRun(['--model', refs.wrong, '--limit', '3', '--confidence-target', '0.5']),
    evalRun(['--model', refs.mostly, '--model', refs.wrong, '--limit', '6', '--epochs', '3', '--judge', refs.judge]),
  ]);
});

/** The command in-process, its stdout captured. */
async function compare(args: string[]): Promise<string> {
  let out = '';
  const code = await compareCommand([...args, '--store', store], { write: (s: string) => (out += s) });
  assert.equal(code, 0);
  return out;
}

test('two models of one run: McNemar, exact sign-flip tests and Holm on every metric of each item kind, with conditions', async () => {
  const r = JSON.parse(await compare([runs.both, '--models', `${refs.oracle},${refs.wrong}`, '--format', 'json']));
  const c = r.comparison;
  assert.equal(c.n, 12);
  assert.equal(c.nDropped, 0);
  const metric = (name: string) => c.metrics.find((m: any) => m.metric === `answerable: ${name}`);
  const correct = metric('correct');
  assert.deepEqual([correct.a, correct.b], [1, 0]);
  assert.deepEqual(correct.discordant, { onlyA: 12, onlyB: 0 });
  assert.ok(Math.abs(correct.p - 2 / 4096) < 1e-15, 'exact McNemar: 2·(½)^12');
  // Holm over 6 tests (every p equal): each is multiplied by 6.
  assert.ok(Math.abs(correct.holmP - 6 * 2 / 4096) < 1e-15);
  assert.equal(metric('declined'), undefined, 'neither model ever declined: no test, and not part of Holm\'s family');
  const t9 = metric('penalised score, t = 0.9');
  assert.equal(t9.a, 1);
  assert.ok(Math.abs(t9.b + 9) < 1e-12);
  assert.equal(t9.test, 'sign-flip-exact');
  assert.ok(Math.abs(t9.p - 2 / 4096) < 1e-15, 'every pair differs the same way: 2 of 2^12 sign assignments are as extreme');
  assert.deepEqual(c.metrics.map((m: any) => m.significant), [true, true, true, true, true, true]);
  assert.deepEqual(r.a.returnedModels, ['oracle-2025-01-01']);
  assert.deepEqual(r.b.returnedModels, ['wrong-2025-01-01']);
  assert.equal(r.a.scorer, 'rule');
  assert.match(r.suiteVersion, /^[0-9a-f]{16}$/);

  const md = await compare([runs.both, '--models', `${refs.oracle},${refs.wrong}`]);
  assert.match(md, /\| answerable: correct +\| 12 +\| 100\.0% +\| 0\.0% +\| \+100\.0 pts +\| McNemar exact \(only A 12, only B 0\) +\| 0\.0005 +\| 0\.0029 +\| yes +\|/);
  assert.match(md, /n paired: 12 samples; n dropped: 0/);
  assert.match(md, /returned model id oracle-2025-01-01/);
  assert.match(md, /graded by rule grader/);
});

test('model A from one run and model B from another: paired on the samples both have, the rest counted as dropped', async () => {
  const r = JSON.parse(await compare([runs.both, runs.wrongOnly, '--models', `${refs.oracle},${refs.wrong}`, '--format', 'json']));
  assert.equal(r.a.runId, runs.both);
  assert.equal(r.b.runId, runs.wrongOnly);
  assert.equal(r.comparison.n, 10);
  assert.equal(r.comparison.nDropped, 2);
  assert.deepEqual(r.comparison.pairing.dropped, { onlyA: 2, onlyB: 0, unscored: 0, tied: 0 });
  // The same model against itself in another run: no difference at all.
  const same = JSON.parse(await compare([runs.both, runs.wrongOnly, '--models', `${refs.wrong},${refs.wrong}`, '--format', 'json']));
  assert.ok(same.comparison.metrics.every((m: any) => m.difference === 0 && !m.significant));
});

test('several epochs are reduced per sample by majority first, and judges travel with the result', async () => {
  const r = JSON.parse(await compare([runs.epochs, '--models', `${refs.mostly},${refs.wrong}`, '--format', 'json']));
  assert.equal(r.comparison.n, 6);
  assert.equal(r.comparison.pairing.maxEpochs, 3);
  const correct = r.comparison.metrics[0];
  assert.deepEqual([correct.a, correct.b], [1, 0], 'right on 2 of 3 epochs of every sample: right by majority');
  assert.equal(r.a.scorer, 'model-grader');
  assert.deepEqual(r.a.judges, [{ ref: refs.judge, lab: 'unknown', returnedModels: ['judge-7'] }]);
  const md = await compare([runs.epochs, '--models', `${refs.mostly},${refs.wrong}`]);
  assert.match(md, /reduced to one outcome by majority first/);
  assert.match(md, /judges openai:judge@.* \(lab unknown; returned judge-7\), panel majority; judge prompts simpleqa-grader\/v1/);
});

test('bad input is a UsageError: unknown run, unknown model (listing the run\'s), not two models, different suite versions', async () => {
  const cases: [string[], RegExp][] = [
    [['no-such-run', '--models', 'a,b'], /no run "no-such-run"/],
    [[runs.both, '--models', `${refs.oracle},openai:nobody`], new RegExp(`model "openai:nobody" is not in run ${runs.both}: its models are ${escapeRegExp(refs.oracle)}, ${escapeRegExp(refs.wrong)}`)],
    [[runs.both, '--models', refs.oracle], /exactly two models.*got 1/],
    [[runs.both, '--models', `${refs.oracle},${refs.wrong},x:y`], /exactly two models.*got 3/],
    [[runs.both], /exactly two models.*got 0/],
    [[runs.both, '--models', `${refs.oracle},${refs.oracle}`], /twice/],
    [[runs.both, runs.otherVersion, '--models', `${refs.oracle},${refs.wrong}`], /used different suites.*cannot be paired/],
    [[runs.both, '--models', `${refs.oracle},${refs.wrong}`, '--format', 'html'], /--format must be one of md, json/],
  ];
  for (const [args, message] of cases) {
    await assert.rejects(compareCommand([...args, '--store', store], { write: () => true }), (err: unknown) => {
      assert.ok(err instanceof UsageError, String(err));
      assert.match(err.message, message);
      assert.ok(!err.message.includes('\n'));
      return true;
    });
  }
});

test('through the CLI: a table on stdout, and bad input is one line on stderr with exit 2', async (t) => {
  // main.ts answers `COMMAND --help` only for commands it knows.
  if ((await runCli(['compare', '--help'])).code !== 0) return t.skip('compare is not registered in main.ts yet');
  const ok = await runCli(['compare', runs.both, '--models', `${refs.oracle},${refs.wrong}`, '--store', store]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /Holm/);
  const bad = await runCli(['compare', runs.both, '--models', `${refs.oracle},openai:nobody`, '--store', store]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^error: model "openai:nobody" is not in run/);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
