import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../core/package-root.js';
import { startFakeOpenAIServer } from '../models/testing/fake-openai-server.js';
import { runCli } from './testing/run-cli.js';

const root = packageRoot();
const tmp = () => mkdtempSync(join(tmpdir(), 'cc-exercise-'));
const exerciseIdOf = (stdout: string) => /exercise id: (\S+)/.exec(stdout)![1];

test('the example exercise runs every suite on every model with one panel, offline, and reports them together', async () => {
  const dir = tmp();
  const store = join(dir, 'cc.db');
  const r = await runCli(['exercise', 'run', join(root, 'examples', 'exercises', 'two-labs.yaml'), '--store', store, '--quiet'], { cwd: root });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /2 suites: hallucination \(run \S+, finished\); everyday-overrefusal \(run \S+, finished\)/);
  assert.match(r.stdout, /\| lab-a \(greedy\) +\| 3 /, 'models carry their labels');
  const json = JSON.parse((await runCli(['exercise', 'report', exerciseIdOf(r.stdout), '--format', 'json', '--store', store])).stdout);
  assert.equal(json.exercise.name, 'two-labs-example');
  assert.deepEqual(json.runs.map((x: any) => x.run.suite), ['hallucination', 'everyday-overrefusal']);
  const [halluc] = json.runs;
  assert.deepEqual(halluc.models.map((m: any) => [m.label, m.params]), [['lab-a (greedy)', { temperature: 0 }], ['lab-b (says it does not know)', {}]]);
  assert.deepEqual(halluc.conditions.panel, { rule: 'majority', excludeSameLab: true });
  const runs = await runCli(['runs', '--store', store]);
  assert.equal(runs.stdout.match(/finished/g)?.length, 2);
});

test('an exercise whose model failed resumes: finished samples are kept, failed ones run again, nothing twice', async () => {
  const flaky = await startFakeOpenAIServer({ text: 'The answer is 1648.', model: 'flaky-1' });
  after(() => flaky.close());
  flaky.enqueue(...Array.from({ length: 3 }, () => ({ kind: 'json' as const, status: 500, body: { error: { message: 'upstream exploded' } } })));
  const dir = tmp();
  const file = join(dir, 'ex.yaml');
  writeFileSync(file, [
    'name: resume-test',
    'models:',
    `  - { label: flaky, ref: "openai:flaky@${flaky.url}", limits: { concurrency: 1 } }`,
    'suites:',
    '  - { name: hallucination, limit: 6 }',
    '  - { path: ' + JSON.stringify(join(root, 'examples', 'suites', 'everyday-overrefusal')) + ', limit: 4 }',
    'maxRetries: 0',
  ].join('\n'));
  const store = join(dir, 'cc.db');
  const first = await runCli(['exercise', 'run', file, '--store', store, '--quiet']);
  assert.equal(first.code, 2, first.stderr);
  const id = exerciseIdOf(first.stdout);
  assert.match(first.stderr, new RegExp(`crosscheck exercise run --resume ${id}`));
  const calls = flaky.requests.length;
  assert.equal(calls, 10, 'every sample was tried once');
  const again = await runCli(['exercise', 'run', '--resume', id, '--store', store, '--quiet']);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(flaky.requests.length - calls, 3, 'only the three failed samples ran again');
  assert.match(again.stdout, /hallucination \(run \S+, finished\); everyday-overrefusal \(run \S+, finished\)/);
});

test('every mistake in an exercise file is an error line with its line, before any model is called', async () => {
  const dir = tmp();
  const file = join(dir, 'bad.yaml');
  writeFileSync(file, [
    'name: bad',
    'models:',
    '  - { ref: "nosuch:model" }',
    '  - { ref: scripted:echo }',
    '  - { ref: scripted:echo }',
    'suites:',
    '  - { name: no-such-suite }',
    'epochs: 0',
  ].join('\n'));
  const r = await runCli(['exercise', 'run', file, '--store', join(dir, 'cc.db')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /bad\.yaml:8: epochs: /);
  const fixed = file.replace('bad.yaml', 'bad2.yaml');
  writeFileSync(fixed, ['name: bad', 'models:', '  - { ref: "nosuch:model" }', '  - { ref: scripted:echo }', '  - { ref: scripted:echo }', 'suites:', '  - { name: no-such-suite }'].join('\n'));
  const r2 = await runCli(['exercise', 'run', fixed, '--store', join(dir, 'cc.db')]);
  assert.equal(r2.code, 2);
  const lines = r2.stderr.trimEnd().split('\n');
  assert.ok(lines.every((l) => l.startsWith('error: ')), r2.stderr);
  assert.ok(lines.some((l) => /bad2\.yaml:3: models\[0\]\.ref: unknown provider "nosuch"/.test(l)), r2.stderr);
  assert.ok(lines.some((l) => /bad2\.yaml:5: models\[2\]: two models are labelled "scripted:echo"/.test(l)), r2.stderr);
  assert.ok(lines.some((l) => /suites\[0\]: unknown suite "no-such-suite"/.test(l)), r2.stderr);
});
