import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GenerateParams, Generation } from '../../../core/generation.js';
import type { ChatMessage } from '../../../core/messages.js';
import type { JudgeHandle, Sample, Transcript } from '../../../core/suite.js';
import { NO_JUDGES } from '../../../scoring/panel.js';
import { GRADER_PROMPT_VERSION, gradeWithSimpleQa, simpleqaGrader } from './simpleqa-grader.js';

function sample(kind: string, target: string[], metadata: Record<string, unknown> = {}): Sample {
  return {
    id: 'q1',
    input: [{ role: 'system', content: 'Answer briefly.' }, { role: 'user', content: 'When did the Berlin Wall fall?' }],
    target,
    metadata: { kind, ...metadata },
  };
}

const transcript: Transcript = { messages: [], generations: [], output: 'It fell in 1989.' };

/** A fake judge for tests: replies with a fixed text (or throws) and records what it was sent. */
function fakeJudge(reply: string | Error) {
  const calls: { messages: ChatMessage[]; params?: GenerateParams }[] = [];
  const ctx: JudgeHandle = {
      ref: 'scripted:judge',
      label: 'scripted:judge',
      lab: 'unknown',
      async generate(messages: ChatMessage[], params?: GenerateParams) {
        calls.push({ messages, params });
        if (reply instanceof Error) throw reply;
        const g: Generation = {
          text: reply, refusal: null, stopReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 },
          latencyMs: 1, returnedModel: 'judge', request: {},
        };
        return g;
      },
  };
  return { ctx, calls };
}

test('calls the judge once at temperature 0 with the question, gold target and response', async () => {
  const { ctx, calls } = fakeJudge('Matches.\nGRADE: CORRECT');
  const score = await gradeWithSimpleQa(sample('answerable', ['1989', 'nineteen eighty-nine']), transcript, ctx);
  assert.equal(calls.length, 1);
  assert.equal(calls[0].params?.temperature, 0);
  assert.ok((calls[0].params?.maxTokens ?? 0) > 0);
  const prompt = calls[0].messages.map((m) => m.content).join('\n');
  assert.match(prompt, /When did the Berlin Wall fall\?/);
  assert.match(prompt, /1989 \(also accepted: "nineteen eighty-nine"\)/);
  assert.match(prompt, /It fell in 1989\./);
  assert.equal(score.scorer, 'model-grader');
  assert.equal(score.outcome, 'correct');
  assert.equal(score.value, 1);
  assert.equal(score.judge, 'scripted:judge');
  assert.equal(score.judgeReply, 'Matches.\nGRADE: CORRECT');
  assert.equal(score.promptVersion, GRADER_PROMPT_VERSION);
});

const MAPPING: [string, string, string][] = [
  ['answerable', 'CORRECT', 'correct'],
  ['answerable', 'INCORRECT', 'incorrect'],
  ['answerable', 'NOT_ATTEMPTED', 'abstained'],
  ['false_premise', 'CORRECT', 'correct'],
  ['false_premise', 'INCORRECT', 'incorrect'],
  ['false_premise', 'NOT_ATTEMPTED', 'abstained'],
  ['nonexistent', 'CORRECT', 'abstained'],
  ['nonexistent', 'INCORRECT', 'incorrect'],
  ['nonexistent', 'NOT_ATTEMPTED', 'abstained'],
];

for (const [kind, label, outcome] of MAPPING) {
  test(`${kind}: ${label} ⇒ ${outcome}`, async () => {
    const { ctx } = fakeJudge(`GRADE: ${label}`);
    const score = await gradeWithSimpleQa(sample(kind, kind === 'answerable' ? ['1989'] : []), transcript, ctx);
    assert.equal(score.outcome, outcome);
    assert.equal(score.value, outcome === 'correct' ? 1 : 0);
  });
}

test('nonexistent: the prompt says the entity does not exist; false premise: it carries the correction', async () => {
  const a = fakeJudge('GRADE: CORRECT');
  await gradeWithSimpleQa(sample('nonexistent', []), transcript, a.ctx);
  assert.match(a.calls[0].messages[0].content, /This entity does not exist/);
  const b = fakeJudge('GRADE: CORRECT');
  await gradeWithSimpleQa(sample('false_premise', ['did not fall'], { correction: 'The Wall fell in 1989, not 1979.' }), transcript, b.ctx);
  assert.match(b.calls[0].messages[0].content, /The Wall fell in 1989, not 1979\./);
});

test('an unparseable reply is unscored with the reason and the raw reply kept', async () => {
  const { ctx } = fakeJudge('It is hard to say which grade applies here.');
  const score = await gradeWithSimpleQa(sample('answerable', ['1989']), transcript, ctx);
  assert.equal(score.outcome, 'unscored');
  assert.match(score.unscoredReason ?? '', /^grader reply had no label: /);
  assert.equal(score.value, undefined);
  assert.equal(score.judgeReply, 'It is hard to say which grade applies here.');
  assert.equal(score.promptVersion, GRADER_PROMPT_VERSION);
});

test('two different labels are unscored, not guessed', async () => {
  const { ctx } = fakeJudge('GRADE: CORRECT\nGRADE: INCORRECT');
  const score = await gradeWithSimpleQa(sample('answerable', ['1989']), transcript, ctx);
  assert.equal(score.outcome, 'unscored');
  assert.match(score.unscoredReason ?? '', /conflicting/);
});

test('a judge call that throws is unscored with the error message', async () => {
  const { ctx } = fakeJudge(new Error('rate limited after 5 attempts'));
  const score = await gradeWithSimpleQa(sample('answerable', ['1989']), transcript, ctx);
  assert.equal(score.outcome, 'unscored');
  assert.match(score.unscoredReason ?? '', /judge call failed: rate limited after 5 attempts/);
  assert.equal(score.judge, 'scripted:judge');
});

test('the model-grader scorer with no judges is unscored, never guessed', async () => {
  const score = await simpleqaGrader.score(sample('answerable', ['1989']), transcript, NO_JUDGES);
  assert.equal(score.outcome, 'unscored');
  assert.match(score.unscoredReason ?? '', /no judge configured/);
});

test('a sample with an unknown kind is unscored without calling the judge', async () => {
  const { ctx, calls } = fakeJudge('GRADE: CORRECT');
  const score = await gradeWithSimpleQa(sample('trivia', ['x']), transcript, ctx);
  assert.equal(score.outcome, 'unscored');
  assert.equal(calls.length, 0);
});

test('metadata.question, when present, is the question shown to the judge', async () => {
  const { ctx, calls } = fakeJudge('GRADE: CORRECT');
  await gradeWithSimpleQa(sample('answerable', ['1989'], { question: 'Year the Wall fell?' }), transcript, ctx);
  assert.match(calls[0].messages[0].content, /<question>\nYear the Wall fell\?\n<\/question>/);
});
