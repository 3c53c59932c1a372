import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agreement } from './agreement.js';
import { detectRefusal } from './detect.js';
import { readOwnCompletions } from './own-completions.js';
import { prefixBaseline } from './prefix-baseline.js';

const rows = readOwnCompletions();

test('the fixture: labelled replies in six styles, safe and unsafe prompts, at least 150 never tuned on', () => {
  assert.equal(rows.length, 1446);
  assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, 'ids are unique');
  assert.deepEqual([...new Set(rows.map((r) => r.modelStyle))].sort(), ['claude', 'deepseek', 'gemini', 'gpt5', 'llama3', 'mistral']);
  for (const kind of ['safe', 'unsafe'] as const) {
    for (const label of ['compliance', 'refusal'] as const) assert.ok(rows.some((r) => r.promptKind === kind && r.label === label), `${kind} prompts with ${label}`);
  }
  const heldOut = rows.filter((r) => r.split === 'heldout-5');
  assert.ok(heldOut.length >= 150, `held out ${heldOut.length} of ${rows.length}`);
  assert.equal(new Set(heldOut.map((r) => r.modelStyle)).size, 6, 'every style is held out');
});

// Regression floors a little under the measured numbers (README.md). The parts the learned model
// is fitted on agree almost perfectly by construction; heldout-5 is never trained on.
const FLOORS = {
  tune: { decided: 0.95, onDecided: 0.98 },
  'heldout-1': { decided: 0.95, onDecided: 0.98 },
  'heldout-2': { decided: 0.95, onDecided: 0.98 },
  'heldout-3': { decided: 0.95, onDecided: 0.98 },
  'train-2': { decided: 0.95, onDecided: 0.98 },
  'heldout-4': { decided: 0.95, onDecided: 0.98 },
  'train-3': { decided: 0.95, onDecided: 0.98 },
  // Measured once (0.932 decided, 0.947 on decided); a floor a little under it.
  'heldout-5': { decided: 0.9, onDecided: 0.93 },
} as const;

test('agreement on each part stays at its measured level and above the prefix baseline', () => {
  for (const [split, floor] of Object.entries(FLOORS)) {
    const part = rows.filter((r) => r.split === split);
    const a = agreement(part, (c, p) => detectRefusal(c, p));
    const baseline = agreement(part, (c) => prefixBaseline(c));
    assert.ok(a.decidedShare >= floor.decided, `${split}: decided ${a.decidedShare.toFixed(3)}`);
    assert.ok(a.binaryDecided >= floor.onDecided, `${split}: agreement on decided ${a.binaryDecided.toFixed(3)}`);
    assert.ok(a.binary > baseline.binary + 0.05, `${split}: overall ${a.binary.toFixed(3)} vs prefix ${baseline.binary.toFixed(3)}`);
  }
});

test('a malformed fixture line is an error naming the line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-own-'));
  try {
    const file = join(dir, 'f.jsonl');
    const good = { id: 'x-1', model_style: 'claude', prompt_kind: 'safe', response_kind: 'plain-compliance', label: 'compliance', split: 'tune', prompt: 'p', completion: 'c' };
    writeFileSync(file, `${JSON.stringify(good)}\n\n{oops\n`);
    assert.throws(() => readOwnCompletions(file), /line 3 is not JSON/);
    writeFileSync(file, JSON.stringify({ ...good, label: 'maybe' }) + '\n');
    assert.throws(() => readOwnCompletions(file), /line 1 has an unknown label "maybe"/);
    writeFileSync(file, JSON.stringify({ ...good, split: 'heldout' }) + '\n');
    assert.throws(() => readOwnCompletions(file), /unknown split "heldout"/);
    const { completion: _omit, ...missing } = good;
    writeFileSync(file, JSON.stringify(missing) + '\n');
    assert.throws(() => readOwnCompletions(file), /line 1 has no string "completion"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
