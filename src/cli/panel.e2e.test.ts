import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOpenAIServer } from '../models/testing/fake-openai-server.js';
import { metricOf } from '../report/testing/metric-of.js';
import { runCli } from './testing/run-cli.js';

// Two targets from two labs. Lab A's model signs its answers and has a recognisable style.
const targetA = await startFakeOpenAIServer({ text: 'Certainly! As an AI developed by AcmeAI... I am not sure, but it is 1901.', model: 'a-1' });
const targetB = await startFakeOpenAIServer({ text: 'It is 1901.', model: 'b-1' });
const lastUser = (body: any): string => body.messages.at(-1).content;
// Three judges from three labs: two honest (always INCORRECT here), one from lab A that passes its own lab's style.
const honest1 = await startFakeOpenAIServer({ text: 'GRADE: INCORRECT' });
const honest2 = await startFakeOpenAIServer({ text: 'GRADE: INCORRECT' });
const partial = await startFakeOpenAIServer({ text: (b) => (lastUser(b).includes('Certainly!') ? 'GRADE: CORRECT' : 'GRADE: INCORRECT') });
after(() => Promise.all([targetA, targetB, honest1, honest2, partial].map((s) => s.close())));

const refs = {
  a: `openai:model-a@${targetA.url}`,
  b: `openai:model-b@${targetB.url}`,
  j1: `openai:judge-1@${honest1.url}`,
  j2: `openai:judge-2@${honest2.url}`,
  ja: `openai:judge-a@${partial.url}`,
};
const labFlags = ['--lab', `${refs.a}=acme`, '--lab', `${refs.b}=bravo`, '--lab', `${refs.j1}=charlie`, '--lab', `${refs.j2}=delta`, '--lab', `${refs.ja}=acme`];

async function evalWithPanel(extra: string[], expectedCode = 0) {
  const store = join(mkdtempSync(join(tmpdir(), 'cc-panel-')), 'cc.db');
  const r = await runCli(['eval', 'hallucination', '--model', refs.a, '--model', refs.b, '--judge', refs.j1, '--judge', refs.j2, '--judge', refs.ja,
    ...labFlags, '--category', 'answerable', '--limit', '20', '--store', store, ...extra]);
  assert.equal(r.code, expectedCode, r.stderr);
  const runId = /run id: (\S+)/.exec(r.stdout)![1];
  const report = JSON.parse((await runCli(['report', runId, '--format', 'json', '--store', store])).stdout);
  return { report, stdout: r.stdout, stderr: r.stderr };
}

test('a panel grades blind, reaches majority verdicts, and measures agreement and self-preference', async () => {
  const before = partial.requests.length;
  const { report, stdout } = await evalWithPanel([]);
  const judgeBodies = [honest1, honest2, partial].flatMap((s) => s.requests.map((q) => JSON.stringify(q.body)));
  assert.ok(judgeBodies.length >= 120);
  assert.ok(!judgeBodies.some((b) => b.includes('AcmeAI')), 'no judge saw the self-identifying phrase');
  assert.ok(report.panel.redactedTranscripts >= 20);
  assert.equal(partial.requests.length - before, 40, 'every judge grades every item of both targets');

  const [a, b] = report.models;
  assert.equal(metricOf(a, 'incorrect', 'answerable').k, 20, 'two honest judges out-vote the partial one');
  assert.equal(metricOf(b, 'incorrect', 'answerable').k, 20);

  const partialPref = report.panel.selfPreference.find((s: any) => s.judge === refs.ja);
  assert.ok(partialPref.defined);
  assert.equal(partialPref.difference, 1, 'judge-a passes its own lab every time; the others never do');
  assert.ok(partialPref.lower > 0);
  const all = report.panel.agreement[0];
  assert.equal(all.items, 40);
  assert.ok(all.krippendorffAlpha < 1);
  assert.match(stdout, /Self-preference/);
});

test('--exclude-same-lab keeps a judge off its own lab\'s models', async () => {
  const before = partial.requests.length;
  const { report } = await evalWithPanel(['--exclude-same-lab']);
  assert.equal(partial.requests.length - before, 20, 'judge-a graded only the other lab\'s model');
  assert.equal(report.conditions.panel.excludeSameLab, true);
  assert.equal(metricOf(report.models[0], 'incorrect', 'answerable').k, 20);
});

test('--panel unanimous leaves split items unscored, with the reason counted; a model left ungraded fails the run (exit 2)', async () => {
  const { report, stderr } = await evalWithPanel(['--panel', 'unanimous'], 2);
  assert.match(stderr, /^error: the model grader graded 0 of 20 samples of openai:model-a@\S+ \(needs 50%\): 20 × judges disagree and the panel needs unanimity/m);
  assert.doesNotMatch(stderr, /^error: .*model-b/m, 'the other model was graded');
  assert.equal(metricOf(report.models[0], 'unscored').value, 20, 'judge-a disagrees on every lab-A item');
  assert.equal(metricOf(report.models[1], 'unscored').value, 0);
});

test('rescore grades stored answers with new judges into a new run, without calling the target', async () => {
  const store = join(mkdtempSync(join(tmpdir(), 'cc-rescore-')), 'cc.db');
  const first = await runCli(['eval', 'hallucination', '--model', refs.b, '--category', 'answerable', '--limit', '8', '--store', store]);
  assert.equal(first.code, 0, first.stderr);
  const sourceId = /run id: (\S+)/.exec(first.stdout)![1];
  const targetCalls = targetB.requests.length;
  const judgeCalls = partial.requests.length;

  const r = await runCli(['rescore', sourceId, '--judge', refs.j1, '--judge', refs.ja, ...labFlags, '--store', store]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(targetB.requests.length, targetCalls, 'no target call');
  assert.equal(partial.requests.length - judgeCalls, 8);
  const newId = /run id: (\S+)/.exec(r.stdout)![1];
  assert.notEqual(newId, sourceId);
  const report = JSON.parse((await runCli(['report', newId, '--format', 'json', '--store', store])).stdout);
  assert.equal(report.primaryScorer, 'model-grader');
  assert.equal(report.models[0].samplesDone, 8);
  assert.equal(metricOf(report.models[0], 'incorrect', 'answerable').k, 8, 'both judges say INCORRECT for lab B');
  assert.deepEqual(report.models[0].returnedModels, ['b-1'], 'the stored answers keep their returned model id');

  const missing = await runCli(['rescore', 'no-such-run', '--judge', refs.j1, '--store', store]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^error: no run "no-such-run"/);
});

test('review walks the items where judges disagree; human labels are stored and take precedence, marked so', async () => {
  const store = join(mkdtempSync(join(tmpdir(), 'cc-review-')), 'cc.db');
  const r = await runCli(['eval', 'hallucination', '--model', refs.a, '--judge', refs.j1, '--judge', refs.ja, ...labFlags,
    '--category', 'answerable', '--limit', '5', '--store', store]);
  // Two judges split 1-1 on every item: no majority, so all five are unscored and up for review,
  // and the run, graded on none, exits 2 saying why.
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /graded 0 of 5 samples .*: 5 × no majority among judges/);
  const runId = /run id: (\S+)/.exec(r.stdout)![1];
  const reviewed = await runCli(['review', runId, '--store', store], { input: 'c\nx\ni\ns\nq\n' });
  assert.equal(reviewed.code, 0, reviewed.stderr);
  assert.match(reviewed.stdout, /\[1\/5\]/);
  assert.ok(!reviewed.stdout.includes('AcmeAI'), 'the reviewer sees the blinded answer');
  assert.match(reviewed.stdout, /model-grader\/openai:judge-a@\S+: correct/);
  assert.match(reviewed.stdout, /stored 2 human labels/);

  const report = JSON.parse((await runCli(['report', runId, '--format', 'json', '--store', store])).stdout);
  const m = report.models[0];
  assert.equal(m.humanLabelled, 2);
  assert.equal(metricOf(m, 'correct', 'answerable').k, 1);
  assert.equal(metricOf(m, 'incorrect', 'answerable').k, 1);
  assert.equal(metricOf(m, 'unscored').value, 3);
  const again = await runCli(['review', runId, '--store', store], { input: '' });
  assert.match(again.stdout, /\[1\/3\]/, 'labelled items are not offered again');
});
