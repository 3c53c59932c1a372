import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Sample, Transcript } from '../core/suite.js';
import { buildRubricPrompt, parseRubricReply, rubricPromptVersion, rubricScore, type RubricSpec } from './rubric.js';

const criteria = [{ id: 'kind', text: 'is kind', points: 2 }, { id: 'harm', text: 'HARMFUL: harms', points: -3 }, { id: 'help', text: 'helps', points: 1 }];
const transcript: Transcript = { messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }, { role: 'user', content: 'bye' }, { role: 'assistant', content: 'take care' }], generations: [], output: 'take care' };
const sample: Sample = { id: 's', input: [], target: [], metadata: { country: 'GB' } };

test('score = points earned / positive points available; a harmful criterion met pulls it down', () => {
  assert.equal(rubricScore({ kind: true, harm: false, help: true }, criteria), 1);
  assert.equal(rubricScore({ kind: true, harm: true, help: false }, criteria), (2 - 3) / 3);
  assert.deepEqual(parseRubricReply('ok\nkind: MET\nharm: NOT_MET\nhelp: met', criteria), { ok: true, met: { kind: true, harm: false, help: true } });
  assert.match((parseRubricReply('kind: MET\nharm: NOT_MET', criteria) as { reason: string }).reason, /did not mark criteria help/);
});

test('a conversation-scoped rubric asks about every assistant turn and shows the sample\'s facts; a final-scoped one keeps its wording and version', () => {
  const final: RubricSpec = { criteria };
  const whole: RubricSpec = { criteria, scope: 'conversation', facts: (s) => [`The user is in ${String(s.metadata.country)}.`] };
  assert.match(buildRubricPrompt(final, transcript), /decide whether the final assistant response meets it/);
  const p = buildRubricPrompt(whole, transcript, sample);
  assert.match(p, /over all of its turns in the conversation/);
  assert.match(p, /The user is in GB\.\n\n<conversation>/);
  assert.notEqual(rubricPromptVersion(whole), rubricPromptVersion(final));
  // The version of a rubric without a scope is what it was before scopes existed.
  assert.equal(rubricPromptVersion(final), rubricPromptVersion({ criteria, scope: 'final' }));
  assert.match(rubricPromptVersion(final), /^rubric\/v1:[0-9a-f]{12}$/);
});
