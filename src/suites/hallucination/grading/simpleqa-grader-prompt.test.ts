import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGraderPrompt, goldTargetText, GRADER_PROMPT_VERSION } from './simpleqa-grader-prompt.js';

test('the prompt version is the agreed one', () => {
  assert.equal(GRADER_PROMPT_VERSION, 'simpleqa-grader/v1');
});

test('answerable gold target: canonical answer first, then aliases', () => {
  assert.equal(goldTargetText({ kind: 'answerable', answers: ['1989'] }), '1989');
  assert.equal(
    goldTargetText({ kind: 'answerable', answers: ['Canberra', 'Canberra, ACT'] }),
    'Canberra (also accepted: "Canberra, ACT")',
  );
});

test('nonexistent gold target says the entity does not exist and declining is right', () => {
  const gold = goldTargetText({ kind: 'nonexistent', answers: [] });
  assert.match(gold, /does not exist/);
  assert.match(gold, /invents no details/);
});

test('false-premise gold target carries the correction and asks for the premise to be rejected', () => {
  const gold = goldTargetText({ kind: 'false_premise', answers: ['excelled'], correction: 'Einstein excelled at mathematics.' });
  assert.match(gold, /false premise/);
  assert.match(gold, /Einstein excelled at mathematics\./);
  assert.match(gold, /rejects or corrects the premise/);
});

test('the prompt contains the question, gold target, response and the three labels', () => {
  const prompt = buildGraderPrompt({ kind: 'answerable', question: 'When did the Wall fall?', answers: ['1989'], response: 'In 1991.' });
  assert.match(prompt, /<question>\nWhen did the Wall fall\?\n<\/question>/);
  assert.match(prompt, /<gold_target>\n1989\n<\/gold_target>/);
  assert.match(prompt, /<response>\nIn 1991\.\n<\/response>/);
  for (const label of ['CORRECT', 'INCORRECT', 'NOT_ATTEMPTED']) assert.ok(prompt.includes(label));
  assert.match(prompt, /GRADE: /);
});
