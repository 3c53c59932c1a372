import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../core/errors.js';
import { parseModelRef } from '../../core/model-ref.js';
import { fingerprintFile } from '../monitor/fingerprint.js';
import { planForGrant } from '../monitor/grant-plan.js';
import { createGrant } from './create-grant.js';

const models = new Map([['a', { name: 'a', upstream: parseModelRef('scripted:echo') }]]);
const grant = (extra: Record<string, unknown>) => createGrant({ grantee: 'lab-b', models: ['a'], ...extra }, models);

describe('a grant\'s declared plan', () => {
  it('keeps declared prompts beside the grant; the grant carries their count, sources and digest', () => {
    const fp = fingerprintFile(['Held-out item one?', 'Held-out item two?', 'Three?'], '00112233445566778899');
    const { grant: g, prompts } = grant({ declaredPrompts: [{ name: 'suite.jsonl', texts: ['Q1?', 'Q2?'] }, { name: 'fp.json', fingerprints: fp }] });
    assert.deepEqual(g.declaredPrompts!.sources, [{ name: 'suite.jsonl', kind: 'texts', count: 2 }, { name: 'fp.json', kind: 'fingerprints', count: 3 }]);
    assert.equal(g.declaredPrompts!.count, 5);
    assert.match(g.declaredPrompts!.digest, /^[0-9a-f]{64}$/);
    assert.deepEqual(prompts, { texts: ['Q1?', 'Q2?'], fingerprints: [fp] });
    assert.ok(!JSON.stringify(g).includes('Q1?'), 'the grant itself holds no prompt');
  });

  it('refuses bad declarations and thresholds with one-line usage errors', () => {
    for (const [extra, says] of [
      [{ declaredPrompts: 'suite.jsonl' }, /must be a list/],
      [{ declaredPrompts: [{ name: 'x', texts: ['ok', ''] }] }, /text 2 is not a non-empty string/],
      [{ declaredPrompts: [{ name: 'x', texts: [], fingerprints: {} }] }, /either texts or fingerprints/],
      [{ declaredPrompts: [{ name: 'x', fingerprints: { format: 'nope' } }] }, /not a crosscheck-prompt-fingerprints\/v1 file/],
      [{ declaredPrompts: [{ name: 'x', texts: [] }] }, /no prompt given/],
      [{ monitorThresholds: { offSuitShare: 0.3 } }, /unknown monitor threshold "offSuitShare"/],
      [{ monitorThresholds: { flagWindow: 2.5 } }, /flagWindow must be a whole number/],
      [{ allowReasoning: 'yes' }, /allowReasoning must be true or false/],
      [{ expectedTokens: 0 }, /expectedTokens must be a whole number of at least 1/],
    ] as const) {
      assert.throws(() => grant(extra), (e: unknown) => e instanceof UsageError && says.test(e.message) && !e.message.includes('\n'), JSON.stringify(extra));
    }
  });

  it('what the grant allows becomes the plan: logprobs, n > 1 and reasoning allowed, forbidden or limited; budgets and thresholds carried', () => {
    const allowed = planForGrant(grant({ policy: { maxLogprobs: 5, maxN: 8 }, allowReasoning: true, expectedRequests: 1000, expectedTokens: 400_000, monitorThresholds: { offSuiteShare: 0.3 } }).grant, null);
    assert.deepEqual(allowed.flags, { logprobs: 'allowed', multipleSamples: 'allowed', reasoning: 'allowed' });
    assert.equal(allowed.expectedTokens, 400_000);
    assert.deepEqual(allowed.thresholds, { offSuiteShare: 0.3 });
    const forbidden = planForGrant(grant({ policy: { maxLogprobs: 0, maxN: 1, deny: ['thinking'] } }).grant, null);
    assert.deepEqual(forbidden.flags, { logprobs: 'forbidden', multipleSamples: 'forbidden', reasoning: 'forbidden' });
    const silent = planForGrant(grant({ limits: { rpm: 10 }, generatedTurns: true, suites: ['hallucination', 'not-shipped'] }).grant, { texts: ['Mine?'], fingerprints: [] });
    assert.deepEqual(silent.flags, { logprobs: 'limited', multipleSamples: 'limited', reasoning: 'limited' });
    assert.equal(silent.generatedTurns, true);
    assert.equal(silent.maxRequestsPerHour, 600);
    assert.ok(silent.suitePrompts!.length > 500 && silent.suitePrompts!.includes('Mine?'), 'the shipped suite\'s prompts and the declared ones');
    assert.deepEqual(silent.suites, ['hallucination', 'not-shipped']);
  });
});
