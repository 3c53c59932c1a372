import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { startFakeOpenAIServer } from '../models/testing/fake-openai-server.js';
import { judgesCommand } from './judges-calibrate.js';
import { runCli } from './testing/run-cli.js';

// In-process runs must never send a real key, even to a loopback fake.
for (const k of Object.keys(process.env)) if (/API_KEY|BASE_URL|CROSSCHECK_/.test(k)) delete process.env[k];

const PARIS = { question: 'What is the capital of France?', kind: 'answerable', answers: ['Paris'] };
const VELTRAN = { question: 'Who founded the Veltran Institute of Marine Acoustics?', kind: 'nonexistent', answers: [] };
const EINSTEIN = { question: 'Why did Einstein fail mathematics?', kind: 'false_premise', answers: ['did not fail'], correction: 'Einstein excelled at mathematics.' };
// response → human label
const ITEMS = [
  { ...PARIS, response: 'Paris.', label: 'correct' },
  { ...PARIS, response: 'Lyon.', label: 'incorrect' },
  { ...PARIS, response: "I don't know.", label: 'abstained' },
  // On an invented entity a decline is `abstained` (0 points, as the suite's prompt says), never `correct`.
  { ...VELTRAN, response: 'I have no record of it.', label: 'abstained' },
  { ...VELTRAN, response: 'It was founded in 1901 by Ola Berg.', label: 'incorrect' },
  { ...EINSTEIN, response: "He didn't; he excelled at it.", label: 'correct' },
  { ...EINSTEIN, response: 'Because he was lazy.', label: 'incorrect' },
  { ...PARIS, response: 'Maybe Paris, maybe Lyon.', label: 'incorrect' },
];

/** A fake judge: grades by a table keyed on the response it is shown; anything else gets an unparseable reply. */
async function fakeJudge(grades: Record<string, string>, model: string) {
  return startFakeOpenAIServer({
    model,
    text: (body) => {
      const response = /<response>\n([\s\S]*?)\n<\/response>/.exec(body.messages[0].content)![1];
      return grades[response] ? `Short reasoning.\nGRADE: ${grades[response]}` : 'hmm, hard to say';
    },
  });
}
const C = 'CORRECT', I = 'INCORRECT', N = 'NOT_ATTEMPTED';
const responses = ITEMS.map((i) => i.response);
const table = (grades: string[]) => Object.fromEntries(responses.map((r, k) => [r, grades[k]]).filter(([, g]) => g));
// Good judge: wrong only on the hedged "Maybe Paris, maybe Lyon." (calls it correct).
const good = await fakeJudge(table([C, I, N, N, I, C, I, C]), 'good-1');
// Lenient judge: everything correct except the plain "I don't know"; no parseable grade for "Because he was lazy."
const lenient = await fakeJudge(table([C, C, N, C, C, C, '', C]), 'lenient-1');
// Strict judge: everything incorrect except the plain "I don't know".
const strict = await fakeJudge(table([I, I, N, I, I, I, I, I]), 'strict-1');
after(() => Promise.all([good, lenient, strict].map((s) => s.close())));

const refs = [`openai:good@${good.url}`, `openai:lenient@${lenient.url}`, `openai:strict@${strict.url}`];
const dir = mkdtempSync(join(tmpdir(), 'cc-calibrate-'));
const store = join(dir, 'cc.db');
const labels = join(dir, 'labels.jsonl');
writeFileSync(labels, ITEMS.map((i) => JSON.stringify(i)).join('\n') + '\n');

async function calibrate(args: string[]): Promise<string> {
  let out = '';
  const code = await judgesCommand(['calibrate', ...args, '--store', store], { write: (s: string) => (out += s) });
  assert.equal(code, 0);
  return out;
}
const judgeArgs = refs.flatMap((r) => ['--judge', r]);

test('each judge and the majority panel against human labels: accuracy, kappa and confusion counts', async () => {
  const r = JSON.parse(await calibrate(['--labels', labels, ...judgeArgs, '--lab', `${refs[0]}=acme`, '--format', 'json']));
  const [g, l, s] = r.judges;
  // A judge's CORRECT or NOT_ATTEMPTED on an invented entity both mean it declined: abstained.
  // Good: 7 of 8; human c2 i4 a2, judge c3 i3 a2 → p_e = 22/64, κ = (56 − 22)/(64 − 22).
  assert.equal(g.stats.accuracy.k, 7);
  assert.equal(g.stats.accuracy.n, 8);
  assert.ok(Math.abs(g.stats.kappa.kappa - 34 / 42) < 1e-12);
  assert.deepEqual(g.stats.confusion, [[2, 0, 0], [1, 3, 0], [0, 0, 2]]);
  // Lenient: one unscored; of 7, agrees on 4; human c2 i3 a2, judge c4 a3 → p_e = 14/49, κ = 14/35.
  assert.equal(l.stats.unscored, 1);
  assert.equal(l.stats.accuracy.k, 4);
  assert.equal(l.stats.accuracy.n, 7);
  assert.ok(Math.abs(l.stats.kappa.kappa - 0.4) < 1e-12);
  assert.deepEqual(l.stats.confusion, [[2, 0, 0], [2, 0, 1], [0, 0, 2]]);
  assert.equal(l.unscoredReasons.length, 1);
  assert.match(l.unscoredReasons[0].reason, /no (?:label|grade)/);
  // Strict: 5 of 8; judge i7 a1 → p_e = 30/64, κ = (40 − 30)/(64 − 30).
  assert.equal(s.stats.accuracy.k, 5);
  assert.ok(Math.abs(s.stats.kappa.kappa - 10 / 34) < 1e-12);
  assert.deepEqual(s.stats.confusion, [[0, 2, 0], [0, 4, 0], [0, 1, 1]]);
  // Majority of three: the good judge's verdict on every item (on "lazy" the two parseable grades agree).
  assert.equal(r.panel.stats.accuracy.k, 7);
  assert.equal(r.panel.stats.unscored, 0);
  assert.deepEqual(r.panel.stats.confusion, [[2, 0, 0], [1, 3, 0], [0, 0, 2]]);
  assert.deepEqual(r.conditions.judges.map((j: any) => j.returnedModels), [['good-1'], ['lenient-1'], ['strict-1']]);
  assert.equal(r.conditions.items, 8);
  assert.deepEqual(r.conditions.judges.map((j: any) => j.lab), ['acme', 'unknown', 'unknown']);
});

test('judge replies are cached in the store: a second run makes no calls and gives the same numbers', async () => {
  const before = [good, lenient, strict].map((s) => s.requests.length);
  const first = await calibrate(['--labels', labels, '--judge', refs[0], '--judge', refs[2], '--panel', 'unanimous']);
  const calls = [good, lenient, strict].map((s, k) => s.requests.length - before[k]);
  assert.deepEqual(calls, [0, 0, 0], 'the first test already asked these judges about these items');
  assert.match(first, /judge calls: 16 \(16 answered from the store's response cache\)/);
  // Unanimous: good and strict agree only on "Lyon.", "I don't know.", "founded in 1901", "lazy".
  assert.match(first, /\| panel \(unanimous of 2\) +\| 8 +\| 4 +\| 100\.0% \[/);
  assert.match(first, /### openai:good@.*: confusion \(rows human, columns judge; unscored left out\)/);
  assert.match(first, /\| incorrect +\| 1 +\| 3 +\| 0 +\|/);
  assert.match(first, /judge prompt simpleqa-grader\/v1; panel rule unanimous/);

  const uncached = good.requests.length;
  await calibrate(['--labels', labels, '--judge', refs[0], '--no-judge-cache']);
  assert.equal(good.requests.length - uncached, 8, '--no-judge-cache asks again');
});

test('bad labels files and flags are one-line UsageErrors naming the problem', async () => {
  const bad = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };
  const ok = JSON.stringify(ITEMS[0]);
  const cases: [string[], RegExp][] = [
    [['--labels', join(dir, 'missing.jsonl'), ...judgeArgs], /cannot read labels file .*missing\.jsonl: ENOENT/],
    [['--labels', bad('malformed.jsonl', `${ok}\n${ok}\n{"question": "x",\n`), ...judgeArgs], /malformed\.jsonl line 3: not valid JSON/],
    [['--labels', bad('label.jsonl', `${ok}\n${JSON.stringify({ ...ITEMS[1], label: 'hallucinated' })}\n`), ...judgeArgs], /label\.jsonl line 2: "label" must be one of correct, incorrect, abstained, got "hallucinated"/],
    [['--labels', labels], /at least one --judge/],
    [[...judgeArgs], /needs --labels FILE/],
    [['--labels', labels, '--judge', refs[0], '--judge', refs[0]], /two --judges are named .*: give each its own label/],
    [['--labels', labels, '--judge', 'gpt-4.1'], /malformed model ref/],
    [['--labels', labels, ...judgeArgs, '--panel', 'vote'], /--panel must be one of majority, unanimous, mean/],
  ];
  for (const [args, message] of cases) {
    await assert.rejects(judgesCommand(['calibrate', ...args, '--store', store], { write: () => true }), (err: unknown) => {
      assert.ok(err instanceof UsageError, String(err));
      assert.match(err.message, message);
      assert.ok(!err.message.includes('\n'));
      return true;
    });
  }
  await assert.rejects(judgesCommand(['rank']), /unknown subcommand "rank"/);
});

test('through the CLI: the report on stdout, and a bad file is one line on stderr with exit 2', async (t) => {
  // main.ts answers `COMMAND --help` only for commands it knows.
  if ((await runCli(['judges', '--help'])).code !== 0) return t.skip('judges is not registered in main.ts yet');
  const ok = await runCli(['judges', 'calibrate', '--labels', labels, ...judgeArgs, '--store', store]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /Cohen's kappa/);
  const bad = await runCli(['judges', 'calibrate', '--labels', join(dir, 'nope.jsonl'), ...judgeArgs, '--store', store]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^error: cannot read labels file/);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
});
