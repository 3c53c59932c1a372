// The rule grader against the labelled grader set. It must never flatter: no `correct` for an
// answer the set says is not correct, and no `abstained` for one it says is incorrect. The measured
// agreement is printed (and quoted in the suite README).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ITEM_KINDS } from '../../item-kind.js';
import { formatAgreement, measureAgreement } from './agreement.js';
import { graderSetAsCalibrationLines, loadGraderSet } from './grader-set.js';
import { parseLabelFile } from '../../calibration/calibration-labels.js';
import { gradeSetWithRules } from './rule-agreement.js';

test('the grader set is large, covers every item kind and tricky case, and holds out about a third', () => {
  const { cases } = loadGraderSet();
  assert.ok(cases.length >= 150, `${cases.length} cases`);
  assert.equal(new Set(cases.map((c) => c.id)).size, cases.length);
  for (const kind of ITEM_KINDS) assert.ok(cases.filter((c) => c.kind === kind).length >= 30, kind);
  for (const kase of ['negation', 'candidates', 'self-correction', 'swapped', 'false-claim', 'non-latin', 'other-language', 'hedge-tail', 'polite-decline', 'accept-with-cue', 'negated-tail']) {
    assert.ok(cases.some((c) => c.case === kase), kase);
  }
  for (const label of ['correct', 'incorrect', 'abstained', 'unscorable']) assert.ok(cases.some((c) => c.label === label), label);
  const held = cases.filter((c) => c.split === 'holdout').length / cases.length;
  assert.ok(held > 0.25 && held < 0.42, `held out ${held}`);
});

test('the rule grader never flatters an answer of the grader set, and its agreement is reported', async (t) => {
  const graded = await gradeSetWithRules();
  const flattering = measureAgreement(graded).flattering;
  assert.deepEqual(
    flattering.map((f) => `${f.case.id} [${f.case.case}] labelled ${f.case.label}, graded ${f.outcome}: ${f.case.response}`),
    [],
  );
  for (const split of ['tune', 'holdout'] as const) {
    const part = graded.filter((g) => g.case.split === split);
    const a = measureAgreement(part);
    t.diagnostic(`${split}: ${formatAgreement(a)}; errors by case ${JSON.stringify(a.errorsByCase)}`);
    for (const kind of ITEM_KINDS) t.diagnostic(`  ${split} ${kind}: ${formatAgreement(measureAgreement(part.filter((g) => g.case.kind === kind)))}`);
    // Floors well under the measured values (README), so a regression shows.
    assert.ok(a.agreementOnDecided >= 0.9, `${split} agreement on decided ${a.agreementOnDecided}`);
    assert.ok(a.decidedShare >= 0.6, `${split} decided share ${a.decidedShare}`);
  }
});

test('the decided part of the set reads as a judges-calibrate label file', () => {
  const parsed = parseLabelFile(graderSetAsCalibrationLines(), 'grader set');
  const { cases } = loadGraderSet();
  assert.equal(parsed.length, cases.filter((c) => c.label !== 'unscorable').length);
  assert.ok(parsed.every((p) => p.question.length > 0 && p.response.length > 0));
});
