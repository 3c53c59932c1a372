import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExtractionMonitor } from './monitor.js';
import type { GrantPlan } from './plan.js';
import type { MonitorAlert, TrafficRecord } from '../contracts.js';
import { testPrompts, testRecord } from './testing/test-traffic.js';

// What a request carries besides its declared item, what the grant allows, and grantee-wide signals.

const T0 = Date.parse('2025-08-01T00:00:00Z');
const SUITE = testPrompts(600, 11);
const OTHER = testPrompts(2000, 77);
const plan = (grantId: string, extra: Partial<GrantPlan> = {}): GrantPlan => ({
  grantId,
  suites: ['qa'],
  suitePrompts: SUITE,
  window: { start: T0, end: T0 + 30 * 86_400_000 },
  ...extra,
});
const rec = (grantId: string, i: number, prompt: string, o: Partial<TrafficRecord> = {}) => testRecord(grantId, T0 + i * 10_000, prompt, o);
const signals = (alerts: MonitorAlert[]) => [...new Set(alerts.map((a) => a.signal))].sort();

test('piggyback: a declared item with an extraction prompt beside it is off plan; the item alone, wrapped or reworded, is on', () => {
  const m = new ExtractionMonitor({ plans: [plan('pig'), plan('honest')] });
  const alerts: MonitorAlert[] = [];
  for (let i = 0; i < 400; i++) alerts.push(...m.observe(rec('pig', i, `${SUITE[i % 600]}\n\n${OTHER[i]}`)));
  const s = m.snapshot('pig')!;
  assert.ok(s.counts.piggyback >= 390, `piggyback ${s.counts.piggyback}`);
  assert.equal(s.counts.onPlan + s.counts.offPlan, 400);
  assert.ok(signals(alerts).includes('off_suite_share'), signals(alerts).join());

  for (let i = 0; i < 600; i++) {
    const q = SUITE[i];
    const words = q.split(' ');
    words[3] = 'reworded'; // one word changed inside the item
    const prompt = i % 3 === 0 ? `You are being evaluated. Answer carefully.\n${q}\nFinal answer on the last line.` : i % 3 === 1 ? words.join(' ') : q;
    assert.deepEqual(m.observe(rec('honest', i, prompt)), []);
  }
  const h = m.snapshot('honest')!;
  assert.ok(h.counts.onPlan >= 590, `on plan ${h.counts.onPlan} (the wrapper is new for its first few requests)`);
});

test('a fixed system prompt over 400 short varied probes is a frame, not a template; the same probes under a template are', () => {
  const m = new ExtractionMonitor();
  const system = 'You are a careful assistant for a consumer product. Follow the content policy, refuse dangerous requests, keep answers short.';
  const probes = OTHER.slice(0, 400).map((p) => p.split(' ').slice(0, 6).join(' '));
  const alerts = probes.flatMap((p, i) => m.observe(rec('sys', i, `${system}\n${p}`, { system, userTurns: [p], openingTurns: 1 })));
  assert.deepEqual(alerts, []);
  const sweep = probes.flatMap((p, i) => m.observe(rec('tpl', i, `Write a detailed answer about ${p.split(' ').slice(3, 5).join(' ')}`)));
  assert.deepEqual(signals(sweep), ['template_sweep']);
});

test('what the grant allows is part of the plan: allowed flags alert only for off-plan requests', () => {
  const m = new ExtractionMonitor({ plans: [plan('calib', { flags: { logprobs: 'allowed', multipleSamples: 'allowed' } })] });
  const honest = SUITE.map((q, i) => m.observe(rec('calib', i, q, { logprobs: true, topLogprobs: 5, n: 5 }))).flat();
  assert.deepEqual(honest, []);
  const harvest = OTHER.slice(0, 150).flatMap((q, i) => m.observe(rec('calib', 600 + i, q, { logprobs: true, topLogprobs: 5 })));
  assert.ok(signals(harvest).includes('logprob_harvest'), signals(harvest).join());
});

test('generated follow-up turns (a simulated user) are not judged as carried content when the plan says so', () => {
  const convo = (i: number): Partial<TrafficRecord> => ({ userTurns: [SUITE[i], OTHER[i], OTHER[i + 1]], openingTurns: 1 });
  const prompt = (i: number) => [SUITE[i], OTHER[i], OTHER[i + 1]].join('\n');
  const declared = new ExtractionMonitor({ plans: [plan('sim', { generatedTurns: true })] });
  for (let i = 0; i < 300; i++) declared.observe(rec('sim', i, prompt(i), convo(i)));
  assert.equal(declared.snapshot('sim')!.counts.offPlan, 0);
  const undeclared = new ExtractionMonitor({ plans: [plan('sim')] });
  for (let i = 0; i < 300; i++) undeclared.observe(rec('sim', i, prompt(i), convo(i)));
  assert.ok(undeclared.snapshot('sim')!.counts.piggyback > 290);
});

test('splitting: off-plan volume adds up across a grantee\'s grants; the alert names both and carries the strictest action', () => {
  const m = new ExtractionMonitor({
    plans: [plan('a', { grantee: 'lab-b' }), plan('b', { grantee: 'lab-b', policy: { off_plan_volume: 'suspend' } }), plan('c', { grantee: 'lab-c' })],
  });
  const alerts: MonitorAlert[] = [];
  for (let i = 0; i < 1000; i++) {
    const offPlan = i % 7 === 0; // 14% off plan on each grant: 143 each, 286 together... then more
    for (const g of ['a', 'b', 'c']) alerts.push(...m.observe(rec(g, i, offPlan ? OTHER[(i * 3 + g.charCodeAt(0)) % 2000] : SUITE[i % 600])));
  }
  for (let i = 1000; i < 1200; i++) for (const g of ['a', 'b']) alerts.push(...m.observe(rec(g, i, i % 7 === 0 ? OTHER[i] : SUITE[i % 600])));
  const volume = alerts.filter((a) => a.signal === 'off_plan_volume');
  assert.equal(volume.length, 1, 'once, for the grantee');
  assert.equal(volume[0].grantee, 'lab-b');
  assert.deepEqual([...volume[0].grantIds!].sort(), ['a', 'b']);
  assert.equal(volume[0].action, 'suspend');
  assert.ok(!alerts.some((a) => a.signal === 'off_suite_share'), 'each grant alone stays under the share threshold');
  assert.equal(m.snapshot('c')!.signals.find((s) => s.signal === 'off_plan_volume')!.crossed, false, 'another grantee adds nothing');
  assert.ok(m.snapshot('a')!.events.some((e) => e.signal === 'off_plan_volume'), 'both grants show the alert');
});

test('refusals for what the grant forbids add up per grantee and alert past the threshold', () => {
  const m = new ExtractionMonitor({ plans: [plan('f1', { grantee: 'lab-x' }), plan('f2', { grantee: 'lab-x' })] });
  const alerts: MonitorAlert[] = [];
  for (let i = 0; i < 21; i++) alerts.push(...m.rejected({ grantId: i % 2 ? 'f1' : 'f2', grantee: 'lab-x', time: T0 + i * 1000, code: 'parameter_not_allowed' }));
  assert.deepEqual(signals(alerts), ['forbidden_attempts']);
  assert.equal(m.snapshot('f1')!.counts.refused + m.snapshot('f2')!.counts.refused, 21);
  // a day later the count has left the window
  assert.equal(m.snapshot('f1')!.signals.find((s) => s.signal === 'forbidden_attempts')!.value, 21);
  m.rejected({ grantId: 'f1', time: T0 + 25 * 3600_000, code: 'model_not_found' });
  assert.equal(m.snapshot('f1')!.signals.find((s) => s.signal === 'forbidden_attempts')!.value, 1);
});

test('monitor-wide thresholds and actions (gateway.yaml) sit under a plan\'s own', () => {
  const m = new ExtractionMonitor({ thresholds: { templateSweepPrompts: 20 }, policy: { template_sweep: 'throttle' }, plans: [plan('p', { policy: { diversity: 'suspend' } })] });
  const alerts = OTHER.slice(0, 40).flatMap((p, i) => m.observe(rec('p', i, `Write a detailed answer about ${p.split(' ').slice(3, 5).join(' ')}`)));
  const sweep = alerts.find((a) => a.signal === 'template_sweep')!;
  assert.equal(sweep.threshold, 20);
  assert.equal(sweep.action, 'throttle');
  assert.equal(m.snapshot('p')!.signals.find((s) => s.signal === 'diversity')!.action, 'suspend');
});
