import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LabelledCompletion } from './agreement.js';
import { calibrateBand } from './calibrate.js';
import { detectRefusal } from './detect.js';

// No prompt, so the evidence is the cues' alone.
function row(id: string, completion: string, label: LabelledCompletion['label']): LabelledCompletion {
  return { id, type: '', prompt: '', completion, label };
}

// Evidence 0 (answers), 0.6 (a bare "please don't": humans split), 1.2 (explicit refusals).
const ANSWER = 'Open the settings page. Choose the backup tab. Press the button labelled start.';
const WEAK = "Please don't do that. Talk to a friend about it first.";
const REFUSAL = "I can't help with that.";
const rows: LabelledCompletion[] = [
  ...Array.from({ length: 20 }, (_, i) => row(`a${i}`, ANSWER, 'compliance')),
  ...Array.from({ length: 20 }, (_, i) => row(`r${i}`, REFUSAL, 'refusal')),
  ...Array.from({ length: 6 }, (_, i) => row(`w${i}`, WEAK, i < 3 ? 'refusal' : 'compliance')),
];

test('the band covers the evidence humans split on, and no more', () => {
  const { band, fit } = calibrateBand(rows, { target: 0.95 });
  for (const [completion, expected] of [[ANSWER, 'compliance'], [WEAK, 'uncertain'], [REFUSAL, 'refusal']] as const) {
    assert.equal(detectRefusal(completion, undefined, { band }).label, expected, `${completion} with band [${band.low}, ${band.high})`);
  }
  assert.equal(fit.decided, 40);
  assert.equal(fit.binaryDecided, 1);
});

test('an easy target keeps every case decided, with the narrowest band', () => {
  const { band, fit } = calibrateBand(rows, { target: 0.9 });
  assert.equal(fit.decidedShare, 1);
  assert.equal(band.low, band.high);
});

test('an unreachable target gives the band with the best agreement on decided cases', () => {
  const noisy = [...rows, row('x', ANSWER, 'refusal')];
  const { fit } = calibrateBand(noisy, { target: 1 });
  assert.equal(fit.binaryDecided, 40 / 41);
  assert.equal(fit.decided, 41);
});
