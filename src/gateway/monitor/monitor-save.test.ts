import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExtractionMonitor } from './monitor.js';
import type { GrantPlan } from './plan.js';
import type { MonitorAlert } from '../contracts.js';
import { testPrompts, testRecord } from './testing/test-traffic.js';

const T0 = Date.parse('2025-08-01T00:00:00Z');
const SUITE = testPrompts(300, 11);
const OTHER = testPrompts(1500, 77);
const plan = (extra: Partial<GrantPlan> = {}): GrantPlan => ({
  grantId: 'g',
  grantee: 'lab-b',
  suites: ['qa'],
  suitePrompts: SUITE,
  expectedRequests: 5000,
  window: { start: T0, end: T0 + 30 * 86_400_000 },
  ...extra,
});
const sweep = (i: number) => `Write a detailed answer about ${OTHER[i].split(' ').slice(3, 5).join(' ')}`;

/** Saves everything a monitor changed and loads it into a new one under the same plans (a restart). */
function restart(m: ExtractionMonitor, plans: GrantPlan[]): ExtractionMonitor {
  const saved = JSON.parse(JSON.stringify([...m.takeChanged()])) as [string, string][];
  const next = new ExtractionMonitor({ plans });
  for (const [key, json] of saved.sort(([a], [b]) => (a.startsWith('grantee') ? -1 : b.startsWith('grantee') ? 1 : 0))) assert.equal(next.loadSaved(key, json), true, key);
  return next;
}

test('a restarted monitor goes on where it stopped: counts, windows, templates, alerts already raised', () => {
  const m = new ExtractionMonitor({ plans: [plan()] });
  const before: MonitorAlert[] = [];
  for (let i = 0; i < 150; i++) before.push(...m.observe(testRecord('g', T0 + i * 1000, sweep(i))));
  for (let i = 0; i < 100; i++) before.push(...m.observe(testRecord('g', T0 + 200_000 + i * 1000, SUITE[i])));
  assert.ok(before.some((a) => a.signal === 'template_sweep'));
  const snap = m.snapshot('g')!;

  const again = restart(m, [plan()]);
  const resumed = again.snapshot('g')!;
  assert.deepEqual(resumed.counts, snap.counts);
  assert.deepEqual(resumed.events, snap.events);
  assert.deepEqual(
    resumed.signals.map((s) => [s.signal, s.value, s.armed]),
    snap.signals.map((s) => [s.signal, s.value, s.armed]),
  );
  // the template goes on counting, and its alert is not raised a second time
  const after: MonitorAlert[] = [];
  const unbroken = new ExtractionMonitor({ plans: [plan()] });
  for (let i = 0; i < 150; i++) unbroken.observe(testRecord('g', T0 + i * 1000, sweep(i)));
  for (let i = 0; i < 100; i++) unbroken.observe(testRecord('g', T0 + 200_000 + i * 1000, SUITE[i]));
  for (let i = 150; i < 200; i++) {
    after.push(...again.observe(testRecord('g', T0 + 400_000 + i * 1000, sweep(i))));
    unbroken.observe(testRecord('g', T0 + 400_000 + i * 1000, sweep(i)));
  }
  const value = (x: ExtractionMonitor) => x.snapshot('g')!.signals.find((s) => s.signal === 'template_sweep')!.value;
  assert.equal(value(again), value(unbroken), 'the same as a monitor that never stopped');
  assert.ok(value(again) > 150);
  assert.equal(after.filter((a) => a.signal === 'template_sweep').length, 0);
});

test('saved state is not loaded under a changed plan (its thresholds may differ); nothing unchanged is saved twice', () => {
  const m = new ExtractionMonitor({ plans: [plan()] });
  for (let i = 0; i < 50; i++) m.observe(testRecord('g', T0 + i * 1000, OTHER[i]));
  const saved = m.takeChanged();
  assert.deepEqual([...saved.keys()].sort(), ['grant:g', 'grantee:lab-b']);
  assert.equal(m.takeChanged().size, 0, 'nothing changed since');
  const changed = new ExtractionMonitor({ plans: [plan({ thresholds: { offSuiteShare: 0.4 } })] });
  assert.equal(changed.loadSaved('grant:g', saved.get('grant:g')!), false);
  assert.equal(changed.snapshot('g')!.requests, 0);
});
