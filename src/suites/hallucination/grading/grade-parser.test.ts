import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGraderReply } from './grade-parser.js';

const CLEAN: [string, string][] = [
  ['GRADE: CORRECT', 'CORRECT'],
  ['GRADE: INCORRECT', 'INCORRECT'],
  ['GRADE: NOT_ATTEMPTED', 'NOT_ATTEMPTED'],
  ['The response gives 1989, matching the target.\nGRADE: CORRECT', 'CORRECT'],
  ['CORRECT', 'CORRECT'],
  ['incorrect', 'INCORRECT'],
];

const NOISY: [string, string][] = [
  ['The response names 1991.\n\n**GRADE: INCORRECT**\n', 'INCORRECT'],
  ['Reasoning: it declines.\nGrade: not attempted.', 'NOT_ATTEMPTED'],
  ['grade: Not-Attempted', 'NOT_ATTEMPTED'],
  ['GRADE: **CORRECT** — the year matches.', 'CORRECT'],
  ['Final grade: `INCORRECT`', 'INCORRECT'],
  ['The answer is right, so it is correct.\n\nCORRECT.', 'CORRECT'],
  ['"NOT_ATTEMPTED"', 'NOT_ATTEMPTED'],
  ['INCORRECT\nThe response says 1991 whereas the target is 1989.', 'INCORRECT'],
  ['Grade: see the reasoning below.\nIt matches.\nGRADE: CORRECT', 'CORRECT'],
  ['GRADE: CORRECT\nGRADE: CORRECT', 'CORRECT'],
  // Readable replies with a remark, a verdict sentence, or SimpleQA letter grades.
  ['GRADE: INCORRECT - the response is not correct', 'INCORRECT'],
  ['GRADE: CORRECT (the response matches; nothing incorrect is added)', 'CORRECT'],
  ['I would grade this response as CORRECT.', 'CORRECT'],
  ["The response says 1991.\nI'd grade it as incorrect.", 'INCORRECT'],
  ['My grade is NOT_ATTEMPTED because the response declines.', 'NOT_ATTEMPTED'],
  ['Grade: A', 'CORRECT'],
  ['Grade: B', 'INCORRECT'],
  ['GRADE: C', 'NOT_ATTEMPTED'],
  ['Grade: A: CORRECT', 'CORRECT'],
  ['C', 'NOT_ATTEMPTED'],
  ['The response declines to answer.\nB', 'INCORRECT'],
];

for (const [reply, label] of [...CLEAN, ...NOISY]) {
  test(`parses ${JSON.stringify(reply)} as ${label}`, () => {
    assert.deepEqual(parseGraderReply(reply), { ok: true, label });
  });
}

const AMBIGUOUS: [string, RegExp][] = [
  ['', /no label/],
  ['The response is correct.', /no label/],
  ['I think this one is probably incorrect, but it could be correct.', /no label/],
  ['GRADE: CORRECT or INCORRECT', /not a single label/],
  ['GRADE: NOT CORRECT', /not a single label/],
  ['GRADE: A bit of both', /no label/],
  ['GRADE: A: INCORRECT', /letter grade A contradicts/],
  ['GRADE: CORRECT. Actually, INCORRECT.', /names CORRECT and then INCORRECT/],
  ['I would grade this response as CORRECT.\nGRADE: INCORRECT', /conflicting labels/],
  ['I would not grade this as correct.', /no label/],
  ['GRADE: CORRECT\nOn reflection:\nGRADE: INCORRECT', /conflicting labels CORRECT and INCORRECT/],
  ['CORRECT\nNOT_ATTEMPTED', /conflicting labels/],
  ['GRADE: INCORRECT\nCORRECT', /conflicting labels/],
];

for (const [reply, reason] of AMBIGUOUS) {
  test(`refuses to guess for ${JSON.stringify(reply)}`, () => {
    const r = parseGraderReply(reply);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.reason, reason);
  });
}

test('the reason quotes the reply, shortened when long', () => {
  const r = parseGraderReply(`no verdict here ${'x'.repeat(500)}`);
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.match(r.reason, /^grader reply had no label: "no verdict here x+…"$/);
    assert.ok(r.reason.length < 260);
  }
});
