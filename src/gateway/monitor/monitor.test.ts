import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExtractionMonitor } from './monitor.js';
import type { GrantPlan } from './plan.js';
import type { MonitorAlert, TrafficRecord } from '../contracts.js';
import { SIGNALS } from './signals/signal.js';
import { testPrompts, testRecord, wrapAsEvaluation } from './testing/test-traffic.js';

const T0 = Date.parse('2025-08-01T00:00:00Z');
const HOUR = 3600_000;
const SUITE = testPrompts(1000, 11);
const UNRELATED = testPrompts(2000, 77);
const TOPICS = testPrompts(500, 3).map((p) => p.split(' ').slice(3, 4 + (p.length % 3)).join(' '));

/** The declared plan every scenario shares: one 1000-item suite, 2 epochs, ≤ 1200 requests/hour. */
function plan(grantId: string, extra: Partial<GrantPlan> = {}): GrantPlan {
  return {
    grantId,
    suites: ['synthetic-qa'],
    suitePrompts: SUITE,
    expectedRequests: 2400,
    window: { start: T0, end: T0 + 30 * 24 * HOUR },
    maxRequestsPerHour: 1200,
    ...extra,
  };
}

/** An honest evaluation: the suite's prompts wrapped in the lab's instructions, `epochs` times. */
function honestPrompts(epochs: number): string[] {
  const out: string[] = [];
  for (let e = 0; e < epochs; e++) for (const q of SUITE) out.push(e % 2 === 0 ? wrapAsEvaluation(q) : `System: answer in one sentence.\n${q}`);
  return out;
}

/** Feeds prompts at `perHour` requests per hour; returns every alert raised. */
function run(monitor: ExtractionMonitor, grantId: string, prompts: string[], perHour = 1000, overrides: (i: number) => Partial<TrafficRecord> = () => ({})): MonitorAlert[] {
  const alerts: MonitorAlert[] = [];
  prompts.forEach((p, i) => alerts.push(...monitor.observe(testRecord(grantId, T0 + Math.floor((i * HOUR) / perHour), p, overrides(i)))));
  return alerts;
}

const signalsOf = (alerts: MonitorAlert[]) => [...new Set(alerts.map((a) => a.signal))].sort();

test('an honest evaluation (suite prompts, wrapped, 2 epochs, a few pings, declared pace) raises no alert', () => {
  const m = new ExtractionMonitor({ plans: [plan('honest')] });
  const prompts = ['Say hello.', 'ping', ...honestPrompts(2), 'Say hello.'];
  const alerts = run(m, 'honest', prompts);
  assert.deepEqual(alerts, []);
  const snap = m.snapshot('honest')!;
  assert.equal(snap.requests, 2003);
  assert.ok(snap.suiteMatches >= 1995, `suite matches ${snap.suiteMatches}`);
  assert.ok(snap.signals.every((s) => !s.crossed));
});

test('bulk off-suite extraction raises off_suite_share, diversity and off_plan_volume, once each', () => {
  const m = new ExtractionMonitor({ plans: [plan('bulk')] });
  const alerts = run(m, 'bulk', UNRELATED);
  assert.deepEqual(signalsOf(alerts), ['diversity', 'off_plan_volume', 'off_suite_share']);
  assert.equal(alerts.length, 3, 'one alert per crossing, not one per request');
  assert.ok(alerts.every((a) => a.action === 'alert' && a.value > a.threshold && a.grantId === 'bulk'));
});

test('off-suite traffic mixed into an evaluation is caught once it passes 20% of the window', () => {
  const m = new ExtractionMonitor({ plans: [plan('mixed')] });
  const honest = honestPrompts(1);
  const mixed = honest.map((p, i) => (i % 3 === 0 ? UNRELATED[i] : p)); // one in three off-suite: 334 in all
  assert.deepEqual(signalsOf(run(m, 'mixed', mixed)), ['off_plan_volume', 'off_suite_share']);
});

test('a template sweep ("Write a detailed answer about {topic}" x 500) raises template_sweep (and, being off-suite, off_suite_share and off_plan_volume)', () => {
  const m = new ExtractionMonitor({ plans: [plan('sweep')] });
  const alerts = run(m, 'sweep', TOPICS.map((t) => `Write a detailed answer about ${t}`));
  assert.deepEqual(signalsOf(alerts), ['off_plan_volume', 'off_suite_share', 'template_sweep']);
  const sweep = alerts.find((a) => a.signal === 'template_sweep')!;
  assert.equal(sweep.threshold, 100);
  assert.match(sweep.message, /write a detailed answer about/);
});

test('a template sweep on a grant that declared no suite prompts raises template_sweep alone', () => {
  const m = new ExtractionMonitor({ plans: [plan('sweep2', { suitePrompts: undefined })] });
  assert.deepEqual(signalsOf(run(m, 'sweep2', TOPICS.map((t) => `Write a detailed answer about ${t}`))), ['template_sweep']);
});

test('logprob harvesting raises logprob_harvest alone', () => {
  const m = new ExtractionMonitor({ plans: [plan('lp')] });
  const alerts = run(m, 'lp', honestPrompts(1), 1000, (i) => (i % 4 === 0 ? { logprobs: true, topLogprobs: 20 } : {}));
  assert.deepEqual(signalsOf(alerts), ['logprob_harvest']);
});

test('n > 1 harvesting raises multi_sample_harvest alone', () => {
  const m = new ExtractionMonitor({ plans: [plan('n')] });
  assert.deepEqual(signalsOf(run(m, 'n', honestPrompts(1), 1000, () => ({ n: 8 }))), ['multi_sample_harvest']);
});

test('hidden-reasoning requests raise hidden_reasoning alone; a plan that forbids them alerts on the first', () => {
  const m = new ExtractionMonitor({ plans: [plan('hr'), plan('hr-forbidden', { flags: { reasoning: 'forbidden' } })] });
  assert.deepEqual(signalsOf(run(m, 'hr', honestPrompts(1), 1000, (i) => ({ reasoningRequested: i % 30 === 0 }))), ['hidden_reasoning']);
  const prompts = honestPrompts(1).slice(0, 50);
  const alerts = run(m, 'hr-forbidden', prompts, 1000, (i) => ({ reasoningRequested: i === 40 }));
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0].signal, 'hidden_reasoning');
});

test('a plan that allows logprobs (a calibration study) does not alert on them', () => {
  const m = new ExtractionMonitor({ plans: [plan('calib', { flags: { logprobs: 'allowed' } })] });
  assert.deepEqual(run(m, 'calib', honestPrompts(1), 1000, () => ({ logprobs: true, topLogprobs: 5 })), []);
});

test('volume over plan (3 epochs where 2 were declared) raises volume alone', () => {
  const m = new ExtractionMonitor({ plans: [plan('vol')] });
  const alerts = run(m, 'vol', honestPrompts(3));
  assert.deepEqual(signalsOf(alerts), ['volume']);
  assert.equal(alerts.length, 1);
});

test('pacing over plan (2000 requests/hour where 1200 were declared) raises pacing alone', () => {
  const m = new ExtractionMonitor({ plans: [plan('pace')] });
  const alerts = run(m, 'pace', honestPrompts(2), 2000);
  assert.deepEqual(signalsOf(alerts), ['pacing']);
  assert.equal(alerts.length, 1, 'stays above for the whole run: alerts once');
});

test('a flat round-the-clock rate for over 48 hours raises sustained_pacing alone', () => {
  const m = new ExtractionMonitor({ plans: [plan('flat')] });
  const prompts = honestPrompts(1); // 1000 requests over 50 hours
  assert.deepEqual(signalsOf(run(m, 'flat', prompts, 20)), ['sustained_pacing']);
});

test("alerts carry the action the grant's policy assigns to their signal", () => {
  const m = new ExtractionMonitor({ plans: [plan('strict', { policy: { off_suite_share: 'suspend', diversity: 'throttle' } })] });
  const alerts = run(m, 'strict', UNRELATED);
  assert.equal(alerts.find((a) => a.signal === 'off_suite_share')?.action, 'suspend');
  assert.equal(alerts.find((a) => a.signal === 'diversity')?.action, 'throttle');
});

test('a signal that falls back below its threshold re-arms and alerts again on the next crossing', () => {
  const m = new ExtractionMonitor({ plans: [plan('again')] });
  const honest = honestPrompts(1);
  const phases = [...UNRELATED.slice(0, 300), ...honest.slice(0, 600), ...UNRELATED.slice(300, 600)];
  const alerts = run(m, 'again', phases).filter((a) => a.signal === 'off_suite_share');
  assert.equal(alerts.length, 2);
});

test('snapshot lists every signal with value and threshold; unknown grants have none; undeclared grants are marked', () => {
  const m = new ExtractionMonitor({ plans: [plan('s')] });
  const fresh = m.snapshot('s')!;
  assert.equal(fresh.requests, 0);
  assert.equal(fresh.lastSeen, undefined);
  assert.ok(fresh.signals.every((s) => s.value === 0 && !s.crossed && s.armed));
  run(m, 's', honestPrompts(1).slice(0, 10));
  const snap = m.snapshot('s')!;
  assert.deepEqual(snap.signals.map((s) => s.signal).sort(), [...SIGNALS].sort());
  const volume = snap.signals.find((s) => s.signal === 'volume')!;
  assert.equal(volume.value, 10 / 2400);
  assert.equal(volume.threshold, 1.2);
  assert.equal(snap.planDeclared, true);
  assert.equal(m.snapshot('nobody'), undefined);
  m.observe(testRecord('stranger', T0, 'hello'));
  const stranger = m.snapshot('stranger')!;
  assert.equal(stranger.planDeclared, false);
  assert.equal(stranger.signals.find((s) => s.signal === 'volume')!.enabled, false);
  m.forget('stranger');
  assert.equal(m.snapshot('stranger'), undefined);
});

test('memory per grant stays bounded after 100k records of new content', () => {
  const m = new ExtractionMonitor({ plans: [plan('big', { expectedRequests: 1_000_000 })] });
  const pool = UNRELATED.map((p) => p.split(' ').slice(0, 8).join(' '));
  let at10k: Partial<Record<string, number>> = {};
  for (let i = 0; i < 100_000; i++) {
    m.observe(testRecord('big', T0 + i * 1000, `${pool[i % pool.length]} variant ${i}`));
    if (i === 9_999) at10k = m.retained('big');
  }
  const retained = m.retained('big');
  assert.ok(retained.template_sweep! <= 1024 + 256, `template window and table ${retained.template_sweep}`);
  assert.ok(retained.diversity! <= 512, `sketch ${retained.diversity}`);
  const { template_sweep: _a, ...fixedAt10k } = at10k;
  const { template_sweep: _b, ...fixedAt100k } = retained;
  assert.deepEqual(fixedAt100k, fixedAt10k, 'no growth between 10k and 100k records (the template table fills up to its cap)');
  const diversity = m.snapshot('big')!.signals.find((s) => s.signal === 'diversity')!;
  assert.ok(Math.abs(diversity.value * 1000 - 100_000) / 100_000 < 0.1, `distinct estimate ${diversity.value * 1000}`);
});
