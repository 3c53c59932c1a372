import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NO_JUDGES } from '../../scoring/panel.js';
import { resolveSuiteArg, pluginForRun } from '../index.js';
import { FileMistakes } from '../../core/mistakes.js';

function suiteDir(yaml: string, items: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cc-yaml-'));
  writeFileSync(join(dir, 'suite.yaml'), yaml);
  for (const [name, text] of Object.entries(items)) writeFileSync(join(dir, name), text);
  return dir;
}

const GOOD = `name: capitals
description: Capital cities.
items: items.jsonl
prompt: "Answer in one word: {{input}}"
scorers:
  - type: match
groups: [region]
`;
const ITEMS = [
  { id: 'fr', input: 'Capital of France?', target: ['Paris'], region: 'europe' },
  { id: 'jp', input: 'Capital of Japan?', target: 'Tokyo', region: 'asia' },
].map((o) => JSON.stringify(o)).join('\n') + '\n';

function mistakesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof FileMistakes, `expected FileMistakes, got ${String(err)}`);
    return err.mistakes.map((m) => `${m.line ?? '-'} ${m.field ?? '-'} ${m.message}`);
  }
  assert.fail('no mistake reported');
}

test('a good suite folder loads: samples from the template, the match scorer, measures from the declaration', async () => {
  const dir = suiteDir(GOOD, { 'items.jsonl': ITEMS });
  const { name, source } = resolveSuiteArg(dir);
  assert.equal(name, 'capitals');
  const plugin = pluginForRun({ suite: name, suiteSource: source });
  const suite = plugin.load({ judged: false });
  assert.equal(suite.samples.length, 2);
  assert.deepEqual(suite.samples[0].input, [{ role: 'user', content: 'Answer in one word: Capital of France?' }]);
  assert.deepEqual(suite.samples[1].target, ['Tokyo']);
  assert.equal(suite.samples[1].metadata.region, 'asia');
  const transcript = { messages: [], generations: [], output: 'It is Paris.' };
  assert.equal((await suite.scorers[0].score(suite.samples[0], transcript, NO_JUDGES)).outcome, 'correct');
  assert.equal((await suite.scorers[0].score(suite.samples[1], transcript, NO_JUDGES)).outcome, 'incorrect');
  assert.deepEqual(plugin.measures.outcomes.map((o) => o.label), ['correct', 'incorrect']);
  assert.deepEqual(plugin.measures.headline[0].columns.map((h) => h.metric), ['n', 'correct', 'incorrect']);
  assert.deepEqual(plugin.measures.groups, [{ key: 'region' }]);
});

test('the version changes when an item changes', () => {
  const dir = suiteDir(GOOD, { 'items.jsonl': ITEMS });
  const load = () => pluginForRun({ suite: 'capitals', suiteSource: resolveSuiteArg(dir).source }).load({ judged: false }).version;
  const before = load();
  writeFileSync(join(dir, 'items.jsonl'), ITEMS.replace('Tokyo', 'Kyoto'));
  assert.notEqual(load(), before);
});

test('every mistake in suite.yaml is reported with its line and field, together', () => {
  const yaml = `name: Capitals
description: x
items: items.txt
scorers:
  - type: mach
  - type: regex
    labels: { match: yes, otherwise: no }
  - type: match
    colour: red
metrics:
  - proportion: [pass]
headline: [nope]
`;
  const found = mistakesOf(() => resolveSuiteArg(suiteDir(yaml, {})));
  const has = (re: RegExp) => assert.ok(found.some((m) => re.test(m)), `${re} not in:\n${found.join('\n')}`);
  has(/^1 name must be lower-case/);
  has(/^3 items items must be a \.jsonl or \.csv file/);
  has(/^5 scorers\[0\]\.type unknown scorer type/);
  has(/^6 scorers\[1\]\.pattern missing \(required\)/);
  has(/^9 scorers\[2\]\.colour unknown field "colour"/);
});

test('cross-field mistakes: a metric label no scorer gives, a headline naming no metric, two scorers with one name', () => {
  const yaml = `name: c
description: x
items: items.jsonl
scorers:
  - type: match
  - type: match
metrics:
  - proportion: [pass]
  - mean: judge
headline: [correct]
`;
  const found = mistakesOf(() => resolveSuiteArg(suiteDir(yaml, { 'items.jsonl': ITEMS })));
  assert.deepEqual(found, [
    '6 scorers[1] two scorers are named "match": give one a name',
    '8 metrics[0].proportion label "pass" is never produced: scorer match gives correct, incorrect',
    '9 metrics[1].mean no scorer is named "judge"',
    '10 headline[0] no metric is named "correct" (metrics: pass)',
  ]);
});

test('invalid YAML is reported at its line, before any schema check', () => {
  const found = mistakesOf(() => resolveSuiteArg(suiteDir('name: c\nscorers: [\n  - a\n', {})));
  assert.ok(found.length >= 1);
  for (const m of found) assert.match(m, /^\d+ - not valid YAML/);
});

test('item mistakes name the items file, the line and the field', () => {
  const items = [
    JSON.stringify({ id: 'a', input: 'q', target: 'x', region: 'eu' }),
    '{not json',
    JSON.stringify({ id: 'a', input: 'q2', target: 'y', region: 'eu' }),
    JSON.stringify({ id: 'b', target: 'y', region: 'eu' }),
    JSON.stringify({ id: 'c', input: 'q3', region: 'eu' }),
    JSON.stringify({ id: 'd', input: 'q4', target: 'z' }),
  ].join('\n');
  const dir = suiteDir(GOOD, { 'items.jsonl': items });
  const plugin = pluginForRun({ suite: 'capitals', suiteSource: resolveSuiteArg(dir).source });
  const found = mistakesOf(() => plugin.load({ judged: false }));
  assert.deepEqual(found.map((m) => m.replace(/ \(.*$/, '')), [
    '2 - not valid JSON',
    '3 id "a" is used twice',
    '4 input missing: every item needs its input',
    '5 target missing: a scorer compares answers with the target',
    '6 region missing: the suite uses this field',
  ]);
});

test('CSV items: a missing column is reported at the header, with what the header has', () => {
  const yaml = GOOD.replace('items.jsonl', 'items.csv');
  const dir = suiteDir(yaml, { 'items.csv': 'id,input,target\n1,"Capital of, France?",Paris|paris\n' });
  const plugin = pluginForRun({ suite: 'capitals', suiteSource: resolveSuiteArg(dir).source });
  assert.deepEqual(mistakesOf(() => plugin.load({ judged: false })), ['1 region missing column (the header has id, input, target)']);
  writeFileSync(join(dir, 'items.csv'), 'id,input,target,region\n1,"Capital of, France?",Paris|Lutetia,eu\n2,"multi\nline",Rome,eu\n3,"x",y\n');
  const bad = mistakesOf(() => plugin.load({ judged: false }));
  assert.deepEqual(bad, ['5 - data row 3 has 3 fields, the header has 4']);
  writeFileSync(join(dir, 'items.csv'), 'id,input,target,region\n1,"Capital of, France?",Paris|Lutetia,eu\n');
  assert.deepEqual(plugin.load({ judged: false }).samples[0].target, ['Paris', 'Lutetia']);
});

test('a folder without suite.yaml, or a missing items file, is one clear error', () => {
  const empty = mkdtempSync(join(tmpdir(), 'cc-yaml-'));
  mkdirSync(join(empty, 'x'));
  assert.throws(() => resolveSuiteArg(join(empty, 'x')), /cannot read .*suite\.yaml: no such file/);
  const dir = suiteDir(GOOD, {});
  const plugin = pluginForRun({ suite: 'capitals', suiteSource: resolveSuiteArg(dir).source });
  assert.throws(() => plugin.load({ judged: false }), /cannot read items .*items\.jsonl: no such file/);
});
