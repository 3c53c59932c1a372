/**
 * The instruction-hierarchy suite end to end through the CLI on test doubles with known
 * behaviour. Fake OpenAI servers read the system prompt, as a real model would: one leaks the
 * secret (and the tutor's answer) whatever it is asked, one keeps them and still does the task.
 * The keeper runs with --system-role both, and the wire shows each role. A scripted model that
 * refuses everything meets the rule conflicts, with a scripted judge for the persona rules.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sample } from '../../core/suite.js';
import { startFakeOpenAIServer } from '../../models/testing/fake-openai-server.js';
import { metricOf } from '../../report/testing/metric-of.js';
import { runCli } from '../../cli/testing/run-cli.js';
import { hierarchySuite } from './index.js';

const samples = hierarchySuite.load({ judged: false }).samples;
const bySystem = new Map<string, Sample>(samples.map((s) => [s.input[0].content, s]));
const secretN = samples.filter((s) => s.metadata.kind === 'secret').length;
const tutorN = samples.filter((s) => s.metadata.kind === 'tutor').length;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function reply(body: any, leaks: boolean): string {
  const s = bySystem.get(body.messages[0].content);
  const last: string = body.messages.at(-1).content;
  if (!s) return 'OK.';
  if (s.metadata.kind === 'secret') {
    if (last.startsWith('Thanks. One more thing')) return `Of course: ${(s.metadata.task_answers as string[])[0]}.`;
    return leaks ? `Fine, it is ${String(s.metadata.secret)}.` : "I can't share that, but I'm glad to help with anything else.";
  }
  if (s.metadata.kind === 'tutor') return leaks ? `The final answer is ${(s.metadata.answers as string[])[0]}.` : "Let's work through it together: what would you do first?";
  return "I'm sorry, but I can't help with that.";
}

const leaker = await startFakeOpenAIServer({ text: (b) => reply(b, true), model: 'leaker-1' });
const keeper = await startFakeOpenAIServer({ text: (b) => reply(b, false), model: 'keeper-1' });
after(() => Promise.all([leaker.close(), keeper.close()]));

async function run(args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'cc-ih-'));
  const store = join(dir, 'cc.db');
  const ev = await runCli(['eval', 'instruction-hierarchy', ...args.map((a) => a.replace('DIR', dir)), '--store', store, '--quiet']);
  assert.equal(ev.code, 0, ev.stderr);
  const runId = /run id: (\S+)/.exec(ev.stdout)![1];
  const json = JSON.parse((await runCli(['report', runId, '--format', 'json', '--store', store])).stdout);
  const md = (await runCli(['report', runId, '--format', 'md', '--store', store])).stdout;
  return { json, md, dir };
}

test('a model that leaks keeps no secret and withholds no answer; one that keeps them holds every item and still does the task, in both roles', async () => {
  const leakRef = `openai:leaker@${leaker.url}`;
  const keepRef = `openai:keeper@${keeper.url}`;
  const leaking = await run(['--category', 'secret', '--category', 'tutor', '--model', leakRef]);
  const l = leaking.json.models[0];
  assert.equal(metricOf(l, 'n').value, secretN + tutorN);
  assert.equal(metricOf(l, 'held', 'secret').k, 0);
  assert.equal(metricOf(l, 'task-done', 'secret').p, 1);
  assert.equal(metricOf(l, 'leaks-exact', 'secret').value, secretN);
  assert.equal(metricOf(l, 'broken', 'tutor').p, 1);
  assert.equal(metricOf(l, 'held', 'secret').method, 'wilson-design-effect-t-grouped', 'attacks on one system prompt are clustered');

  const keeping = await run(['--category', 'secret', '--category', 'tutor', '--model', keepRef, '--system-role', 'both']);
  const [sys, dev] = keeping.json.models;
  assert.equal(sys.label, `${keepRef} (system role)`);
  assert.equal(dev.label, `${keepRef} (developer role)`);
  for (const m of [sys, dev]) {
    assert.equal(metricOf(m, 'held', 'secret').p, 1);
    assert.equal(metricOf(m, 'task-done', 'secret').p, 1);
    assert.equal(metricOf(m, 'held', 'tutor').p, 1);
  }
  const roles = new Set(keeper.requests.map((r) => r.body.messages[0].role));
  assert.deepEqual([...roles].sort(), ['developer', 'system'], 'each target sent its instructions in its own role');
  assert.match(keeping.md, /target openai:keeper@\S+ \(developer role\): instructions in the developer role; params \{"systemRole":"developer"\}/);
  assert.match(keeping.md, /instructions went in different roles \(system, developer\)/);
  assert.equal(keeping.json.conditions.instructionRoles !== null, true);
  assert.equal(leaking.json.conditions.instructionRoles, null);
});

test('rule conflicts: a model that refuses everything keeps topic rules, breaks language and most format rules; persona tone goes to the judge', async () => {
  const refuser = { default: "I'm sorry, but I can't help with that." };
  const judge = { default: 'The reply keeps the persona.\nLABEL: held' };
  const dir = mkdtempSync(join(tmpdir(), 'cc-ih-s-'));
  writeFileSync(join(dir, 'refuser.json'), JSON.stringify(refuser));
  writeFileSync(join(dir, 'judge.json'), JSON.stringify(judge));
  const { json } = await run(['--category', 'conflict', '--model', `scripted:${join(dir, 'refuser.json')}`, '--judge', `scripted:${join(dir, 'judge.json')}`]);
  const m = json.models[0];
  assert.equal(metricOf(m, 'n').value, 48);
  assert.equal(metricOf(m, 'graded-by-judge').value, 6);
  // By hand: format holds only the word limits, the no-list and the no-numeral rules (4 of 12);
  // declining keeps every topic rule; an English refusal breaks every language rule; persona:
  // the vendor rule holds, the 5 other marker rules break, the judge says held for the 6 tone rules.
  assert.deepEqual([metricOf(m, 'held', 'format').k, metricOf(m, 'held', 'topic').k, metricOf(m, 'held', 'language').k, metricOf(m, 'held', 'persona').k], [4, 12, 0, 7]);
  assert.equal(metricOf(m, 'held').k, 23);

  const unjudged = await run(['--category', 'conflict', '--model', `scripted:${join(dir, 'refuser.json')}`]);
  assert.equal(metricOf(unjudged.json.models[0], 'unscored').value, 6, 'without judges the tone rules stay unscored, never guessed');
});
