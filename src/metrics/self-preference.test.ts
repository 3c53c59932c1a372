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
const LABS = ['lab-a', 'lab-b', 'lab-c'];

/**
 * Rubric scores: 12 questions, each answered by one model per lab, each answer with a base
 * quality; every judge adds zero-sum noise (±0.05 alternating over questions, so it averages out
 * exactly per lab); judges in `favouring` add `bias` to their own lab's answers, judges in `lenient` add
 * `leniency` to every answer.
 */
function rubricPanel(judges: { judge: string; judgeLab: string }[], favouring: Set<string>, bias: number, lenient = new Set<string>(), leniency = 0): PanelGrade[] {
  const random = mulberry32(5);
  const grades: PanelGrade[] = [];
  for (let q = 0; q < 12; q++) {
    LABS.forEach((targetLab, l) => {
      const itemId = `${targetLab}/${q}`;
      const base = 2 + random() * 5;
      judges.forEach(({ judge, judgeLab }, j) => {
        const noise = 0.05 * ((q + j + l) % 2 === 0 ? 1 : -1);
        const favour = favouring.has(judge) && judgeLab === targetLab ? bias : 0;
        const kind = lenient.has(judge) ? leniency : 0;
        grades.push({ itemId, targetLab, judge, judgeLab, value: base + noise + favour + kind, cluster: `q${q}` });
      });
    });
  }
  return grades;
}

test('difference in differences by hand: +0.2 on its own lab only is +0.2; the other judges are at 0, not negative', () => {
  const results = selfPreference(rubricPanel(JUDGES, new Set(['judge-a']), 0.2), { seed: 3 });
  assert.deepEqual(results.map((r) => [r.judge, r.lab, r.n, r.nOther, r.clusters]), [
    ['judge-a', 'lab-a', 12, 24, 12], ['judge-b', 'lab-b', 12, 24, 12], ['judge-c', 'lab-c', 12, 24, 12],
  ]);
  const [a, b, c] = results;
  close(a.ownExcess, 0.2);
  close(a.otherExcess, 0);
  close(a.difference, 0.2);
  assert.ok(a.flagged && a.lower > 0 && a.lower <= 0.2 && 0.2 <= a.upper, `${a.lower}..${a.upper}`);
  assert.ok(a.pValue < 0.01 && a.pValue > 0);
  // B and C: on lab-a items the panel mean is raised by 0.1, so their excess is −0.1 there, 0 elsewhere.
  // Own items (lab-b, lab-c) are unaffected: own − other = 0 − (−0.1 + 0)/2 = +0.05, from A's bias leaking into "other".
  for (const r of [b, c]) {
    close(r.ownExcess, 0);
    close(r.otherExcess, -0.05);
    assert.equal(r.flagged, r.lower > 0);
  }
});

test('a judge lenient to every lab is not flagged (the old own-items-only measure reported it)', () => {
  const [a, b, c] = selfPreference(rubricPanel(JUDGES, new Set(), 0, new Set(['judge-a']), 0.15), { seed: 3 });
  close(a.ownExcess, 0.15);
  close(a.otherExcess, 0.15);
  close(a.difference, 0);
  assert.equal(a.flagged, false);
  for (const r of [b, c]) {
    close(r.difference, 0);
    assert.equal(r.flagged, false);
  }
});

/**
 * Simulated panel with binary verdicts: 3 labs' models answer 120 questions, each answer right with
 * probability 0.6; every judge errs with probability 0.1; judge-a also passes `extra` of the wrong
 * answers — for every lab ('lenient') or only for lab-a ('self').
 */
function simulatedPanel(seed: number, kind: 'lenient' | 'self', extra: number): PanelGrade[] {
  const random = mulberry32(seed);
  const grades: PanelGrade[] = [];
  for (let q = 0; q < 120; q++) {
    for (const targetLab of LABS) {
      const right = random() < 0.6;
      for (const { judge, judgeLab } of JUDGES) {
        let verdict = random() < 0.1 ? !right : right;
        if (judge === 'judge-a' && !right && (kind === 'lenient' || targetLab === 'lab-a') && random() < extra) verdict = true;
        grades.push({ itemId: `${targetLab}/${q}`, targetLab, judge, judgeLab, value: verdict ? 1 : 0, cluster: `q${q}` });
      }
    }
  }
  return grades;
}

test('simulated binary panel: a lenient-to-all judge is not flagged; a self-preferring judge is', () => {
  const lenient = selfPreference(simulatedPanel(1, 'lenient', 0.5), { resamples: 1000, seed: 2 });
  const a = lenient[0];
  assert.ok(a.ownExcess > 0.05 && a.otherExcess > 0.05, `lenient everywhere: ${a.ownExcess}, ${a.otherExcess}`);
  assert.equal(a.flagged, false, `lenient judge: ${a.difference} [${a.lower}, ${a.upper}]`);
  assert.ok(lenient.every((r) => !r.flagged));
  const self = selfPreference(simulatedPanel(1, 'self', 0.5), { resamples: 1000, seed: 2 });
  assert.ok(self[0].flagged, `self-preferring judge: ${self[0].difference} [${self[0].lower}, ${self[0].upper}]`);
  assert.ok(self[0].pValue < 0.01);
  assert.ok(!self[1].flagged && !self[2].flagged);
});

test('over 150 simulated panels a lenient-to-all judge is flagged at most ~5% of the time', () => {
  let flagged = 0;
  const runs = 150;
  for (let s = 0; s < runs; s++) if (selfPreference(simulatedPanel(100 + s, 'lenient', 0.5), { resamples: 400, seed: s })[0].flagged) flagged++;
  // One-sided flag at 95% two-sided: expected ≈ 2.5%; 0.05 + 2 Monte Carlo SE ≈ 0.086.
  assert.ok(flagged / runs <= 0.086, `flagged ${flagged}/${runs}`);
});

test("a second judge from the same lab dilutes the estimate unless others = 'other-labs'", () => {
  const judges = [...JUDGES, { judge: 'judge-a2', judgeLab: 'lab-a' }];
  const grades = rubricPanel(judges, new Set(['judge-a', 'judge-a2']), 0.2);
  const diluted = selfPreference(grades, { seed: 1 }).find((r) => r.judge === 'judge-a')!;
  // Others on lab-a items = a2 (+0.2), b, c → panel mean +0.2/3: own excess 0.2 − 0.0667.
  close(diluted.ownExcess, 0.2 - 0.2 / 3);
  close(diluted.difference, 0.2 - 0.2 / 3);
  const strict = selfPreference(grades, { seed: 1, others: 'other-labs' }).find((r) => r.judge === 'judge-a')!;
  close(strict.difference, 0.2);
});

test('one lab graded only: undefined with a reason (self-preference cannot be told from leniency)', () => {
  const grades: PanelGrade[] = [];
  for (let i = 0; i < 10; i++) {
    grades.push({ itemId: i, targetLab: 'lab-a', judge: 'judge-b', judgeLab: 'lab-b', value: 0 });
    grades.push({ itemId: i, targetLab: 'lab-a', judge: 'judge-a', judgeLab: 'lab-a', value: 1 });
  }
  const [b, a] = selfPreference(grades);
  assert.equal(a.n, 10);
  assert.equal(a.nOther, 0);
  close(a.ownExcess, 1);
  assert.equal(a.defined, false);
  assert.equal(a.flagged, false);
  assert.match(a.reason ?? '', /another lab/);
  assert.equal(b.n, 0);
  assert.match(b.reason ?? '', /no item from lab lab-b/);
});

test('items graded only by the judge itself are skipped', () => {
  const g = (itemId: string, targetLab: string, judge: string, value: number): PanelGrade => ({ itemId, targetLab, judge, judgeLab: judge === 'j-a' ? 'lab-a' : 'lab-b', value });
  const a = selfPreference([
    g('x', 'lab-a', 'j-a', 1), g('x', 'lab-a', 'j-b', 0),
    g('y', 'lab-a', 'j-a', 1), // nobody else
    g('z', 'lab-b', 'j-a', 0.5), g('z', 'lab-b', 'j-b', 0),
  ])[0];
  assert.equal(a.n, 1);
  assert.equal(a.nOther, 1);
  close(a.difference, 1 - 0.5);
});

test('invalid input is a RangeError', () => {
  const g = { itemId: 1, targetLab: 'lab-a', judge: 'j', judgeLab: 'lab-a', value: 1 };
  assert.throws(() => selfPreference([g, { ...g }]), RangeError); // graded twice
  assert.throws(() => selfPreference([g, { ...g, judge: 'k', targetLab: 'lab-b' }]), RangeError); // item with two labs
  assert.throws(() => selfPreference([g, { ...g, itemId: 2, judgeLab: 'lab-b' }]), RangeError); // judge with two labs
  assert.throws(() => selfPreference([{ ...g, cluster: 'a' }, { ...g, judge: 'k', cluster: 'b' }]), RangeError); // item in two clusters
  assert.throws(() => selfPreference([{ ...g, value: NaN }]), RangeError);
  assert.throws(() => selfPreference([g], { others: 'everyone' as never }), RangeError);
  assert.deepEqual(selfPreference([]), []);
});
