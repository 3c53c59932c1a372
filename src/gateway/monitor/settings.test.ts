import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../core/errors.js';
import { parseGatewayConfig } from '../config.js';
import { monitorSettings } from './settings.js';

const config = (monitor: string) => parseGatewayConfig(`models:\n  m: { upstream: "scripted:echo" }\nmonitor:\n${monitor}\n`, '/tmp').monitor;

test("gateway.yaml's monitor section is read: thresholds, default actions, saving, off switch", () => {
  const s = monitorSettings(config('  saveEverySeconds: 5\n  thresholds: { offSuiteShare: 0.3, templateSweepPrompts: 150 }\n  policy: { hidden_reasoning: suspend }'));
  assert.deepEqual(s, { enabled: true, saveEverySeconds: 5, thresholds: { offSuiteShare: 0.3, templateSweepPrompts: 150 }, policy: { hidden_reasoning: 'suspend' } });
  assert.equal(monitorSettings(config('  enabled: false')).enabled, false);
  assert.deepEqual(monitorSettings(undefined), { enabled: true, saveEverySeconds: 30, thresholds: {}, policy: {} });
});

test('a bad monitor section is a one-line ConfigError naming the setting', () => {
  for (const [yaml, says] of [
    ['  thresholds: { offSuitShare: 0.3 }', /monitor\.thresholds\.offSuitShare: unknown threshold/],
    ['  thresholds: { flagWindow: 0.5 }', /flagWindow must be a whole number/],
    ['  thresholds: { offSuiteShare: -1 }', /offSuiteShare must be a number ≥ 0/],
    ['  policy: { vibes: suspend }', /unknown signal: vibes/],
    ['  policy: { volume: ban }', /must be alert, throttle or suspend/],
    ['  saveEverySeconds: 0', /saveEverySeconds must be a positive number/],
    ['  colour: blue', /monitor\.colour: unknown setting/],
  ] as const) {
    assert.throws(() => monitorSettings(config(yaml)), (e: unknown) => e instanceof ConfigError && says.test(e.message) && !e.message.includes('\n'), yaml);
  }
});
