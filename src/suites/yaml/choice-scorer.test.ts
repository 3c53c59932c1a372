import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NO_JUDGES } from '../../scoring/panel.js';
import { pluginForRun, resolveSuiteArg } from '../index.js';
import { FileMistakes } from '../../core/mistakes.js';

const YAML = `name: quiz
description: Two-option questions.
items: items.jsonl
prompt: "{{input}}\\nA. {{first}}\\nB. {{second}}"
scorers:
  - type: choice
    options: [first, second]
`;

function suite(items: object[], yaml = YAML) {
  const dir = mkdtempSync(join(tmpdir(), 'cc-choice-'));
  writeFileSync(join(dir, 'suite.yaml'), yaml);
  writeFileSync(join(dir, 'items.jsonl'), items.map((i) => JSON.stringify(i)).join('\n') + '\n');
  const { source } = resolveSuiteArg(dir);
  return pluginForRun({ suite: 'quiz', suiteSource: source }).load({ judged: false });
}

test('the choice scorer reads the letter or the option\'s words: correct when it is the target letter, unscored when unreadable', async () => {
  const s = suite([{ id: 'q1', input: 'Which is a mammal?', first: 'A trout', second: 'A whale', target: 'B' }]);
  assert.equal(s.samples[0].input[0].content, 'Which is a mammal?\nA. A trout\nB. A whale');
  const [scorer] = s.scorers;
  const grade = async (output: string) => (await scorer.score(s.samples[0], { messages: [], generations: [], output }, NO_JUDGES));
  assert.deepEqual([(await grade('B')).outcome, (await grade('B')).value], ['correct', 1]);
  assert.equal((await grade('The whale, of course.')).outcome, 'correct');
  assert.equal((await grade('Answer: A')).outcome, 'incorrect');
  const unread = await grade('Both are animals.');
  assert.equal(unread.outcome, 'unscored');
  assert.match(unread.unscoredReason!, /answer not readable by rule: names no option \(A, B\)/);
});

test('every item needs each option field and a target; the measures give correct / incorrect', () => {
  assert.throws(() => suite([{ id: 'q1', input: 'Q?', first: 'x', target: 'A' }, { id: 'q2', input: 'Q?', first: 'x', second: 'y' }]), (err: unknown) => {
    assert.ok(err instanceof FileMistakes);
    assert.deepEqual(err.mistakes.map((m) => `${m.line} ${m.field} ${m.message}`), [
      '1 second missing: the suite uses this field',
      '2 target missing: a scorer compares answers with the target',
    ]);
    return true;
  });
  const dir = mkdtempSync(join(tmpdir(), 'cc-choice-'));
  writeFileSync(join(dir, 'suite.yaml'), YAML);
  const { source } = resolveSuiteArg(dir);
  assert.deepEqual(pluginForRun({ suite: 'quiz', suiteSource: source }).measures.outcomes.map((o) => o.label), ['correct', 'incorrect']);
});
