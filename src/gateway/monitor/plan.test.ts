import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../core/errors.js';
import { resolvePlan, undeclaredPlan } from './plan.js';
import { DEFAULT_THRESHOLDS } from './thresholds.js';

const base = { grantId: 'g1', suites: ['truthfulness'], window: { start: '2025-08-01T00:00:00Z', end: '2025-08-31T00:00:00Z' } };

test('defaults: every signal alerts, flags are limited, thresholds are the documented ones', () => {
  const p = resolvePlan(base);
  assert.equal(p.policy.template_sweep, 'alert');
  assert.equal(p.policy.volume, 'alert');
  assert.deepEqual(p.flags, { logprobs: 'limited', multipleSamples: 'limited', reasoning: 'limited' });
  assert.deepEqual(p.thresholds, DEFAULT_THRESHOLDS);
  assert.equal(p.window.start, Date.parse('2025-08-01T00:00:00Z'));
  assert.equal(p.declared, true);
});

test('policy and threshold overrides apply; monitor-wide defaults sit under the plan', () => {
  const p = resolvePlan(
    { ...base, policy: { off_suite_share: 'suspend', logprob_harvest: 'throttle' }, thresholds: { offSuiteShare: 0.3 } },
    { offSuiteShare: 0.25, volumeRatio: 1.5 },
  );
  assert.equal(p.policy.off_suite_share, 'suspend');
  assert.equal(p.policy.logprob_harvest, 'throttle');
  assert.equal(p.policy.pacing, 'alert');
  assert.equal(p.thresholds.offSuiteShare, 0.3);
  assert.equal(p.thresholds.volumeRatio, 1.5);
});

test('bad plans are one-line ConfigErrors', () => {
  const bad: unknown[] = [
    { ...base, grantId: '' },
    { ...base, window: { start: 'yesterday', end: '2025-08-31T00:00:00Z' } },
    { ...base, window: { start: 10, end: 5 } },
    { ...base, expectedRequests: -3 },
    { ...base, maxRequestsPerHour: 0 },
    { ...base, policy: { bulk: 'alert' } },
    { ...base, policy: { volume: 'ban' } },
    { ...base, thresholds: { offSuiteShare: Number.NaN } },
    { ...base, thresholds: { flagWindow: 0 } },
    { ...base, flags: { logprobs: 'sometimes' } },
  ];
  for (const plan of bad) {
    assert.throws(() => resolvePlan(plan as never), (e: unknown) => e instanceof ConfigError && !e.message.includes('\n'), JSON.stringify(plan));
  }
});

test('an undeclared plan is marked as such and declares nothing', () => {
  const p = undeclaredPlan('g9');
  assert.equal(p.declared, false);
  assert.equal(p.suitePrompts.length, 0);
  assert.equal(p.expectedRequests, undefined);
  assert.equal(p.maxRequestsPerHour, undefined);
});
