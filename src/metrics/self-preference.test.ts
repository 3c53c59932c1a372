import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selfPreference, type PanelGrade } from './self-preference.js';
import { mulberry32 } from '../core/seeded-random.js';

const close = (actual: number, expected: number, tol = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= tol, `expected ${expected}, got ${actual}`);

const JUDGES = [
  { judge: 'judge-a', judgeLab: 'lab-a' },
  { judge: 'judge-b', judgeLab: 'lab-b' },
  { judge: 'judge-c', judgeLab: 'lab-c' },
];

/**
 * Rubric scores: 12 items per target lab, each with a base quality; every judge adds zero-sum
 * noise (±0.05 alternating, so it averages out exactly per lab); judges in `favouring` add
 * `bias` to items from their own lab.
 */
function rubricPanel(judges: { judge: string; judgeLab: string }[], favouring: Set<string>, bias: number): PanelGrade[] {
  const random = mulberry32(5);
  const grades: PanelGrade[] = [];
  for (const targetLab of ['lab-a', 'lab-b', 'lab-c']) {
    for (let i = 0; i < 12; i++) {
      const itemId = `${targetLab}/${i}`;
      const base = 2 + random() * 5;
      judges.forEach(({ judge, judgeLab }, j) => {
        const noise = 0.05 * ((i + j) % 2 === 0 ? 1 : -1);
        const favour = favouring.has(judge) && judgeLab === targetLab ? bias : 0;
        grades.push({ itemId, targetLab, judge, judgeLab, value: base + noise + favour });
      });
    }
  }
  return grades;
}

test('a judge that favours its own lab by exactly +0.2 is measured at +0.2; the others at 0', () => {
  const results = selfPreference(rubricPanel(JUDGES, new Set(['judge-a']), 0.2), { seed: 3 });
  assert.deepEqual(results.map((r) => [r.judge, r.lab, r.n]), [['judge-a', 'lab-a', 12], ['judge-b', 'lab-b', 12], ['judge-c', 'lab-c', 12]]);
  const [a, b, c] = results;
  close(a.difference, 0.2);
  assert.ok(a.lower > 0 && a.lower <= 0.2 && 0.2 <= a.upper, `${a.lower}..${a.upper}`);
  assert.ok(a.pValue < 0.01);
  close(a.judgeMean - a.othersMean, 0.2);
  for (const r of [b, c]) {
    close(r.difference, 0);
    assert.ok(r.lower <= 0 && 0 <= r.upper, `${r.judge}: ${r.lower}..${r.upper}`);
    assert.ok(r.pValue > 0.05);
  }
});

test('binary verdicts: judge-a passes 2 of 10 own-lab answers the rest of the panel fails → +0.2', () => {
  const grades: PanelGrade[] = [];
  for (let i = 0; i < 10; i++) {
    const verdict = i % 3 === 0 ? 1 : 0; // what B and C say
    const aSays = i === 1 || i === 2 ? 1 : verdict; // items 1 and 2 have verdict 0
    grades.push({ itemId: i, targetLab: 'lab-a', judge: 'judge-b', judgeLab: 'lab-b', value: verdict });
    grades.push({ itemId: i, targetLab: 'lab-a', judge: 'judge-c', judgeLab: 'lab-c', value: verdict });
    grades.push({ itemId: i, targetLab: 'lab-a', judge: 'judge-a', judgeLab: 'lab-a', value: aSays });
  }
  const [b, c, a] = selfPreference(grades);
  assert.equal(a.judge, 'judge-a');
  assert.equal(a.n, 10);
  close(a.difference, 0.2);
  assert.ok(a.lower >= 0 && a.upper <= 0.5);
  // No lab-b or lab-c items: those judges have nothing to compare; NaN + flag, no throw.
  for (const r of [b, c]) {
    assert.equal(r.n, 0);
    assert.equal(r.defined, false);
    assert.ok(Number.isNaN(r.difference) && Number.isNaN(r.lower));
    assert.match(r.reason ?? '', /no item/);
  }
});

test("a second judge from the same lab dilutes the estimate unless others = 'other-labs'", () => {
  const judges = [...JUDGES, { judge: 'judge-a2', judgeLab: 'lab-a' }];
  const grades = rubricPanel(judges, new Set(['judge-a', 'judge-a2']), 0.2);
  const diluted = selfPreference(grades, { seed: 1 }).find((r) => r.judge === 'judge-a')!;
  // Others = a2 (+0.2), b, c → others' mean is +0.2/3 above base, so 0.2 − 0.0667.
  close(diluted.difference, 0.2 - 0.2 / 3);
  const strict = selfPreference(grades, { seed: 1, others: 'other-labs' }).find((r) => r.judge === 'judge-a')!;
  close(strict.difference, 0.2);
});

test('items graded only by the judge itself are skipped; missing grades from others are fine', () => {
  const grades: PanelGrade[] = [
    { itemId: 'x', targetLab: 'lab-a', judge: 'judge-a', judgeLab: 'lab-a', value: 1 },
    { itemId: 'x', targetLab: 'lab-a', judge: 'judge-b', judgeLab: 'lab-b', value: 0 },
    { itemId: 'y', targetLab: 'lab-a', judge: 'judge-a', judgeLab: 'lab-a', value: 1 }, // nobody else
    { itemId: 'z', targetLab: 'lab-a', judge: 'judge-a', judgeLab: 'lab-a', value: 0.5 },
    { itemId: 'z', targetLab: 'lab-a', judge: 'judge-b', judgeLab: 'lab-b', value: 0 },
    { itemId: 'z', targetLab: 'lab-a', judge: 'judge-c', judgeLab: 'lab-c', value: 1 },
  ];
  const a = selfPreference(grades)[0];
  assert.equal(a.n, 2);
  close(a.difference, ((1 - 0) + (0.5 - 0.5)) / 2);
});

test('invalid input is a RangeError', () => {
  const g = { itemId: 1, targetLab: 'lab-a', judge: 'j', judgeLab: 'lab-a', value: 1 };
  assert.throws(() => selfPreference([g, { ...g }]), RangeError); // graded twice
  assert.throws(() => selfPreference([g, { ...g, judge: 'k', targetLab: 'lab-b' }]), RangeError); // item with two labs
  assert.throws(() => selfPreference([g, { ...g, itemId: 2, judgeLab: 'lab-b' }]), RangeError); // judge with two labs
  assert.throws(() => selfPreference([{ ...g, value: NaN }]), RangeError);
  assert.throws(() => selfPreference([g], { others: 'everyone' as never }), RangeError);
  assert.deepEqual(selfPreference([]), []);
});
