import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MonitorAlert, RejectedCall, TrafficRecord } from '../contracts.js';
import type { TrafficMonitor } from '../hooks.js';
import { openAIChatWire } from '../openai/chat-wire.js';
import { type MaliciousUpstream, startMaliciousUpstream } from '../testing/malicious-upstream.js';
import { throwingReply } from '../testing/throwing-reply.js';
import { TEST_ADMIN_KEY, type TestGateway, startTestGateway } from '../testing/test-gateway.js';
import { handleCall } from './handle-call.js';

/** TEST DOUBLE: a monitor that records what it is shown and raises the alerts a test queues. */
function recordingMonitor() {
  const seen: TrafficRecord[] = [];
  const refused: RejectedCall[] = [];
  let next: MonitorAlert[] = [];
  const monitor: TrafficMonitor = {
    observe(record) {
      seen.push(record);
      const alerts = next;
      next = [];
      return alerts;
    },
    rejected(call) {
      refused.push(call);
      return [];
    },
  };
  return { monitor, seen, refused, raiseOnNext: (a: MonitorAlert) => void (next = [a]) };
}

describe('the monitor behind the hardened call path: refusals, the ledger\'s one look, suspensions of open streams', () => {
  let up: MaliciousUpstream;
  let gw: TestGateway;
  const m = recordingMonitor();
  before(async () => {
    up = await startMaliciousUpstream();
    gw = await startTestGateway({ models: { acme: { upstream: `openai:m@${up.url}` } }, monitor: m.monitor, yaml: 'revocationWindowMs: 200' });
  });
  after(async () => {
    await gw.close();
    await up.close();
  });

  const chat = (key: string, extra: Record<string, unknown>) =>
    fetch(`${gw.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      body: JSON.stringify({ model: 'acme', messages: [{ role: 'user', content: 'hello' }], max_tokens: 5, ...extra }),
    });

  it('allow-list refusals and wrong types in fields the grant restricts are forbidden attempts; other bad bodies are not', { timeout: 20000 }, async () => {
    const { key, grant } = await gw.grant({ policy: { maxLogprobs: 0, allowList: true } });
    const upstreamCalls = up.requests.length;
    const refusedBefore = m.refused.length;
    const status = async (extra: Record<string, unknown>) => (await chat(key, extra)).status;
    assert.equal(await status({ vendor_secret_knob: 1 }), 400); // a field the allow-list does not accept
    assert.equal(await status({ logprobs: 'true' }), 400); // logprobs under max-logprobs 0, as a string
    assert.equal(await status({ prompt_logprobs: '5' }), 400);
    assert.equal(await status({ temperature: 'hot' }), 400); // wrong type, but nothing the grant restricts
    assert.equal(await status({ n: '2' }), 400); // n is not capped on this grant
    assert.equal(await status({ messages: 'hello' }), 400); // malformed body
    assert.equal(up.requests.length, upstreamCalls, 'no refused call reached the upstream');
    const mine = m.refused.slice(refusedBefore);
    assert.deepEqual(mine.map((r) => r.code), ['parameter_not_allowed', 'invalid_request:logprobs', 'invalid_request:prompt_logprobs']);
    assert.ok(mine.every((r) => r.grantId === grant.id && r.grantee === 'lab-b'));
  });

  it('the ledger shows an admitted call to the monitor once, read by its own readers, even when the reply writer throws', { timeout: 20000 }, async () => {
    const { key, grant } = await gw.grant({ grantee: 'lab-q' });
    up.script({ kind: 'usage', promptTokens: 3, completionTokens: 4 });
    const body = {
      model: 'acme', best_of: 3, include_reasoning: true,
      messages: [
        { role: 'system', content: 'You are a careful grader.' },
        { role: 'user', content: 'First question?' },
        { role: 'assistant', content: 'An answer.' },
        { role: 'user', content: 'And a follow-up?' },
      ],
    };
    const before = m.seen.length;
    await handleCall(gw.gateway.context, openAIChatWire, { headers: { authorization: `Bearer ${key}` }, body: async () => Buffer.from(JSON.stringify(body)) }, throwingReply());
    const mine = m.seen.slice(before);
    assert.equal(mine.length, 1, 'one look');
    const r = mine[0];
    assert.deepEqual([r.grantId, r.grantee, r.system, r.userTurns, r.openingTurns], [grant.id, 'lab-q', 'You are a careful grader.', ['First question?', 'And a follow-up?'], 1]);
    assert.deepEqual([r.n, r.reasoningRequested, r.inputTokens, r.outputTokens], [3, true, 3, 4]);
    assert.equal(up.requests.at(-1).max_tokens, 4096, 'and the call went upstream with the injected max_tokens');
  });

  it('a suspension by the monitor ends the grant\'s open stream; a resume lets calls through again', { timeout: 20000 }, async () => {
    const { key, grant } = await gw.grant();
    up.script({ kind: 'endless-sse', everyMs: 20 }, { kind: 'usage', promptTokens: 2, completionTokens: 2 });
    const s = await chat(key, { stream: true });
    assert.equal(s.status, 200);
    const streamId = s.headers.get('x-crosscheck-request-id')!;
    const text = s.text();
    await new Promise((r) => setTimeout(r, 100));
    m.raiseOnNext({ grantId: grant.id, signal: 'off_suite_share', value: 1, threshold: 0.5, message: 'test', action: 'suspend' });
    assert.equal((await chat(key, {})).status, 200); // the call whose look raises the alert
    const t = Date.now();
    assert.match(await text, /grant_suspended/);
    assert.ok(Date.now() - t < 500, 'the stream ended at once');
    const leaf = gw.audit.entries.filter((e) => e.kind === 'response' && e.requestId === streamId);
    assert.equal(leaf.length, 1);
    assert.equal(leaf[0].detail?.endedBy, 'grant_suspended');
    assert.equal(gw.gateway.context.streams.size, 0);
    assert.equal((await chat(key, {})).status, 403);

    const resumed = await fetch(`${gw.origin}/admin/grants/${grant.id}/resume`, { method: 'POST', headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` }, body: JSON.stringify({ reason: 'looked: a false positive' }) });
    assert.equal(resumed.status, 200);
    assert.equal((await chat(key, {})).status, 200);
    assert.equal((await gw.store.getGrant(grant.id))!.usage.requests, 3, 'the cut stream, the alerting call and the resumed call were each settled once');
  });
});
