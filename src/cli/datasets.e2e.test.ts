import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metricOf } from '../report/testing/metric-of.js';
import { runCli } from './testing/run-cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'cc-datasets-'));
// SimpleQA's own columns; a quoted question with a comma and a line break, as the real file has.
const SIMPLEQA = [
  'metadata,problem,answer',
  `"{'topic': 'Science and technology', 'answer_type': 'Person'}",Who received the IEEE Frank Rosenblatt Award in 2010?,Michio Sugeno`,
  `"{'topic': 'Geography', 'answer_type': 'Place'}","In which city, on the Danube,
is the Hungarian Parliament Building?",Budapest`,
  `"{'topic': 'Art'}",Who painted The Night Watch?,Rembrandt`,
].join('\n') + '\n';

test('a SimpleQA file becomes a suite folder that runs the hallucination suite\'s scoring on its items', async () => {
  const dir = tmp();
  writeFileSync(join(dir, 'simple_qa_test_set.csv'), SIMPLEQA);
  const out = join(dir, 'simpleqa-suite');
  const r = await runCli(['datasets', 'import', 'simpleqa', join(dir, 'simple_qa_test_set.csv'), '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(readFileSync(join(out, 'suite.yaml'), 'utf8'), /base: hallucination/);
  const items = readFileSync(join(out, 'items.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(items.length, 3);
  assert.equal(items[1].question, 'In which city, on the Danube,\nis the Hungarian Parliament Building?');
  assert.equal(items[0].category, 'science-and-technology');

  const script = join(dir, 'model.json');
  writeFileSync(script, JSON.stringify({ rules: [{ match: 'Rosenblatt', reply: 'Michio Sugeno.' }, { match: 'Danube', reply: 'Budapest.' }], default: "I don't know." }));
  const store = join(dir, 'cc.db');
  const ev = await runCli(['eval', out, '--model', `scripted:${script}`, '--store', store, '--quiet']);
  assert.equal(ev.code, 0, ev.stderr);
  const runId = /run id: (\S+)/.exec(ev.stdout)![1];
  const report = JSON.parse((await runCli(['report', runId, '--format', 'json', '--store', store])).stdout);
  assert.equal(report.run.suite, 'simpleqa');
  const m = report.models[0];
  assert.equal(metricOf(m, 'correct', 'answerable').k, 2);
  assert.equal(metricOf(m, 'abstained', 'answerable').k, 1);
});

test('a malformed file is an error naming file, line and field; no file and no network names the file to download', async () => {
  const dir = tmp();
  writeFileSync(join(dir, 'bad.csv'), 'metadata,question,answer\nx,y,z\n');
  const bad = await runCli(['datasets', 'import', 'simpleqa', join(dir, 'bad.csv'), '--out', join(dir, 'o1')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^error: \S*bad\.csv:1: problem: missing column \(the header has metadata, question, answer\)\n$/);
  writeFileSync(join(dir, 'empty-answer.csv'), 'metadata,problem,answer\nx,What?,\n');
  const empty = await runCli(['datasets', 'import', 'simpleqa', join(dir, 'empty-answer.csv'), '--out', join(dir, 'o2')]);
  assert.match(empty.stderr, /empty-answer\.csv:2: answer: empty/);
  const unknown = await runCli(['datasets', 'import', 'nope', '--out', join(dir, 'o3')]);
  assert.match(unknown.stderr, /^error: unknown dataset format "nope": use one of simpleqa/);
});

test('a based suite whose items break the base suite\'s format names each line and field', async () => {
  const dir = tmp();
  writeFileSync(join(dir, 'suite.yaml'), 'name: mine\ndescription: my items\nbase: hallucination\nitems: items.jsonl\n');
  writeFileSync(join(dir, 'items.jsonl'), [
    JSON.stringify({ id: 'a', question: 'Q?', answers: ['x'] }),
    JSON.stringify({ id: 'a', question: 'Q2?', answers: ['y'] }),
    JSON.stringify({ id: 'c', kind: 'false_premise', question: 'Why?', answers: ['no'] }),
  ].join('\n'));
  const r = await runCli(['eval', dir, '--model', 'scripted:echo', '--store', join(dir, 'cc.db')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /items\.jsonl:2: id: "a" is used twice/);
  assert.match(r.stderr, /items\.jsonl:3: correction: a false-premise item needs its correction/);
  writeFileSync(join(dir, 'suite.yaml'), 'name: mine\ndescription: my items\nbase: nosuch\nitems: items.jsonl\n');
  const nosuch = await runCli(['eval', dir, '--model', 'scripted:echo', '--store', join(dir, 'cc.db')]);
  assert.match(nosuch.stderr, /suite\.yaml:3: base: no shipped suite is named "nosuch"/);
});
