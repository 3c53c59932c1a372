import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOpenAIServer } from '../models/testing/fake-openai-server.js';
import { loadItems } from '../suites/hallucination/items.js';
import { metricOf } from '../report/testing/metric-of.js';
import { runCli, cleanEnv } from './testing/run-cli.js';

const { items } = loadItems();
const byQuestion = new Map(items.map((i) => [i.question, i]));

/** Answers every item as a well-calibrated model would: right answer, "does not exist", correction. */
function oracleAnswer(body: any): string {
  const question: string = body.messages.at(-1).content;
  const item = [...byQuestion.values()].find((i) => question.endsWith(i.question));
  if (!item) return 'No idea what you asked.';
  if (item.kind === 'answerable') return `The answer is ${item.answers[0]}.`;
  if (item.kind === 'nonexistent') return `I'm not aware of any such thing; it does not appear to exist.`;
  return `That premise is mistaken. ${item.correction}`;
}

const oracle = await startFakeOpenAIServer({ text: oracleAnswer, model: 'oracle-2025-01-01' });
const shy = await startFakeOpenAIServer({ text: "I don't know.", model: 'shy-2025-01-01' });
after(() => Promise.all([oracle.close(), shy.close()]));

const tmp = () => mkdtempSync(join(tmpdir(), 'cc-e2e-'));

test('eval runs two labs side by side, then runs and report show the stored results with conditions', async () => {
  const dir = tmp();
  const store = join(dir, 'cc.db');
  const oracleRef = `openai:oracle@${oracle.url}`;
  const shyRef = `openai:shy@${shy.url}`;
  const r = await runCli(['eval', 'hallucination', '--model', oracleRef, '--model', shyRef, '--limit', '30', '--store', store, '--concurrency', '4']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /oracle/);
  assert.match(r.stdout, /shy/);
  const runId = /run id: (\S+)/.exec(r.stdout)?.[1];
  assert.ok(runId, r.stdout);

  const runs = await runCli(['runs', '--store', store]);
  assert.equal(runs.code, 0);
  assert.ok(runs.stdout.includes(runId));

  const json = await runCli(['report', runId, '--format', 'json', '--store', store]);
  assert.equal(json.code, 0, json.stderr);
  const report = JSON.parse(json.stdout);
  const [o, s] = report.models;
  assert.equal(o.label, oracleRef);
  assert.deepEqual(o.returnedModels, ['oracle-2025-01-01']);
  assert.equal(o.samplesDone, 30);
  assert.equal(metricOf(o, 'n').value + metricOf(o, 'unscored').value, 30);
  assert.ok(metricOf(o, 'unscored').value <= 3, 'the rule grader leaves a correction it cannot read with confidence unscored, never guesses');
  assert.equal(metricOf(o, 'correct', 'answerable').p, 1, 'the oracle answers right');
  assert.equal(metricOf(o, 'correct', 'false_premise').p, 1, 'the oracle corrects false premises');
  assert.equal(metricOf(o, 'declined', 'nonexistent').p, 1, 'the oracle declines to describe invented entities');
  assert.equal(metricOf(s, 'abstained', 'answerable').p, 1, '"I don\'t know" abstains on answerable items');
  assert.equal(metricOf(s, 'declined', 'nonexistent').p, 1, 'declining is its own rate for invented entities');
  assert.equal(metricOf(s, 'penalised-t0.9', 'nonexistent').value, 0, '"I don\'t know" earns 0, as the prompt says, not +1');
  assert.equal(metricOf(o, 'correct', 'answerable').method, 'wilson', 'one epoch: plain Wilson intervals');
  assert.equal(report.conditions.suite, 'hallucination');
  assert.match(report.conditions.suiteVersion, /^[0-9a-f]{16}$/);
  assert.equal(report.conditions.suiteOptions.limit, 30);

  const md = await runCli(['report', runId, '--store', store]);
  assert.equal(md.code, 0);
  assert.match(md.stdout, /Conditions/);
  assert.match(md.stdout, /oracle-2025-01-01/);
});

test('bad input is one line on stderr, exit 2, and leaves no run behind', async () => {
  const dir = tmp();
  const store = join(dir, 'cc.db');
  const readonlyDir = join(dir, 'ro');
  mkdirSync(readonlyDir);
  writeFileSync(join(readonlyDir, 'file'), '');
  chmodSync(readonlyDir, 0o500);
  const cases: [string[], RegExp][] = [
    [['eval', 'no-such-suite', '--model', 'scripted:echo'], /unknown suite/],
    [['eval', 'hallucination', '--model', 'acme:big'], /unknown provider "acme"/],
    [['eval', 'hallucination', '--model', 'gpt-4.1'], /malformed model ref/],
    [['eval', 'hallucination', '--model', 'openai:gpt-4.1'], /OPENAI_API_KEY/],
    [['eval', 'hallucination', '--model', 'anthropic:claude-sonnet-4-5'], /ANTHROPIC_API_KEY/],
    [['eval', 'hallucination', '--model', 'scripted:echo', '--limit', 'ten'], /--limit/],
    [['eval', 'hallucination', '--model', 'scripted:echo', '--bogus'], /bogus/],
    [['eval', 'hallucination', '--model', 'llamacpp:./missing.gguf'], /missing\.gguf/],
    [['report', 'no-such-run'], /no run "no-such-run"/],
  ];
  for (const [args, message] of cases) {
    const r = await runCli([...args, '--store', store], { cwd: dir, env: cleanEnv() });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `${args.join(' ')} printed:\n${r.stderr}`);
    assert.match(lines[0], /^error: /);
    assert.match(lines[0], message);
  }
  const unwritable = await runCli(['eval', 'hallucination', '--model', 'scripted:echo', '--store', join(readonlyDir, 'sub', 'x.db')]);
  if (process.getuid?.() !== 0) {
    assert.equal(unwritable.code, 2, unwritable.stderr);
    assert.match(unwritable.stderr, /^error: cannot open store/);
  }
  const storeUnderFile = await runCli(['eval', 'hallucination', '--model', 'scripted:echo', '--store', join(readonlyDir, 'file', 'x.db')]);
  assert.equal(storeUnderFile.code, 2);
  assert.match(storeUnderFile.stderr, /^error: cannot open store/);
  assert.equal(storeUnderFile.stderr.trim().split('\n').length, 1);

  const runs = await runCli(['runs', '--store', store]);
  assert.match(runs.stdout, /no runs/);
});

test('--stream receives replies as SSE and scores them the same', async () => {
  const store = join(tmp(), 'cc.db');
  const before = oracle.requests.length;
  const r = await runCli(['eval', 'hallucination', '--model', `openai:oracle@${oracle.url}`, '--limit', '6', '--stream', '--store', store]);
  assert.equal(r.code, 0, r.stderr);
  const sent = oracle.requests.slice(before);
  assert.equal(sent.length, 6);
  assert.ok(sent.every((req) => req.body.stream === true));
  const runId = /run id: (\S+)/.exec(r.stdout)![1];
  const report = JSON.parse((await runCli(['report', runId, '--format', 'json', '--store', store])).stdout);
  const m = report.models[0];
  assert.deepEqual([metricOf(m, 'correct', 'answerable').k, metricOf(m, 'declined', 'nonexistent').k], [2, 2]);
  assert.equal(metricOf(m, 'correct', 'false_premise').p, 1, 'every correction the rule grader could read is right');
});

test('a judge grades every sample; unparseable judge replies are unscored, counted, never guessed', async () => {
  let calls = 0;
  // Every third judge reply has no label.
  const judge = await startFakeOpenAIServer({
    text: () => (++calls % 3 === 0 ? 'Hmm, hard to say.' : 'The response matches.\nGRADE: CORRECT'),
    model: 'judge-2025',
  });
  try {
    const store = join(tmp(), 'cc.db');
    const r = await runCli(['eval', 'hallucination', '--model', `openai:shy@${shy.url}`, '--judge', `openai:judge@${judge.url}`,
      '--limit', '9', '--concurrency', '1', '--store', store]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(judge.requests.length, 9);
    assert.ok(!JSON.stringify(judge.requests.map((q) => q.body)).includes('shy'), 'the judge is not told which model answered');
    const runId = /run id: (\S+)/.exec(r.stdout)![1];
    const report = JSON.parse((await runCli(['report', runId, '--format', 'json', '--store', store])).stdout);
    assert.equal(report.primaryScorer, 'model-grader');
    const model = report.models[0];
    assert.equal(metricOf(model, 'unscored').value, 3);
    assert.equal(metricOf(model, 'n').value, 6);
    // The judge grades CORRECT throughout: a right answer, a corrected premise, or (for an invented entity) a decline.
    const right = metricOf(model, 'correct', 'answerable').k + metricOf(model, 'correct', 'false_premise').k + metricOf(model, 'declined', 'nonexistent').k;
    assert.equal(right, 6);
    assert.deepEqual(report.conditions.promptVersions, ['simpleqa-grader/v1']);
    assert.deepEqual(report.conditions.judges[0].returnedModels, ['judge-2025']);
    assert.match((await runCli(['report', runId, '--store', store])).stdout, /unscored \(excluded\)\s*\|\s*0\s*\|\s*0\s*\|\s*3\s*\|/);
  } finally {
    await judge.close();
  }
});
