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
  ['GRADE: C', /no label/],
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
