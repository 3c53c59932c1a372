import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Generation } from '../core/generation.js';
import { parseModelRef } from '../core/model-ref.js';
import { bodyHash } from '../gateway/audit/canonical.js';
import { parseReceipt, receiptSignatureValid } from '../gateway/audit/receipt.js';
import { parseVerifierKey } from '../gateway/audit/signed-note.js';
import { type AuditedTestGateway, startAuditedTestGateway } from '../gateway/testing/audited-gateway.js';
import { createAnthropicProvider } from './anthropic/index.js';
import { unpackBody } from './gateway-evidence.js';
import { createOpenAIProvider } from './openai/index.js';
import { type FakeAnthropicServer, startFakeAnthropicServer } from './testing/fake-anthropic-server.js';
import { type FakeOpenAIServer, startFakeOpenAIServer } from './testing/fake-openai-server.js';

const ask = { messages: [{ role: 'system' as const, content: 'Be brief.' }, { role: 'user' as const, content: 'Capital of France?' }], params: { maxTokens: 20 } };

describe('providers keep a Crosscheck gateway\'s receipts and the bytes they commit to', () => {
  let openai: FakeOpenAIServer;
  let anthropic: FakeAnthropicServer;
  let a: AuditedTestGateway;
  before(async () => {
    openai = await startFakeOpenAIServer({ text: 'Paris, of course.', model: 'acme-internal-1' });
    anthropic = await startFakeAnthropicServer({ text: 'Paris.', model: 'acme-claude-1' });
    a = await startAuditedTestGateway({ acme: { upstream: `openai:acme@${openai.url}` }, 'acme-c': { upstream: `anthropic:acme-c@${anthropic.url}` } });
  });
  after(async () => {
    await a.close();
    await openai.close();
    await anthropic.close();
  });

  /** Both leaves are where the receipts say, their bodyHash is the salted hash of the kept bytes, the signatures are the log's. */
  async function assertLogged(g: Generation, stream: boolean) {
    const ev = g.gateway;
    assert.ok(ev, 'the generation keeps gateway evidence');
    assert.equal(ev.url, a.gw.origin);
    assert.equal(ev.verifierKey, a.log.verifierKey);
    assert.equal(ev.stream, stream);
    const key = parseVerifierKey(ev.verifierKey!);
    const request = parseReceipt(ev.requestReceipt!);
    const response = parseReceipt(ev.responseReceipt!);
    assert.ok(receiptSignatureValid(response, key), 'the response receipt is signed by the log key');
    assert.equal(Boolean(request.signature), stream, 'a stream\'s request receipt is signed (its header), a whole reply\'s is not');
    if (stream) assert.ok(receiptSignatureValid(request, key));
    for (const [receipt, kind, packed] of [[request, 'request', ev.requestBody], [response, 'response', ev.responseBody]] as const) {
      const entry = await a.log.entry(receipt.index);
      assert.equal(entry?.kind, kind);
      assert.equal(entry?.requestId, ev.requestId);
      const [leaf] = await a.log.readLeaves(receipt.index, 1);
      assert.equal(leaf.leafHash, receipt.leafHash);
      const stored = await a.log.getBody(ev.requestId!, kind);
      assert.equal(bodyHash(stored!.salt, unpackBody(packed)), entry?.bodyHash, `the kept ${kind} bytes are the logged ones`);
    }
  }

  for (const stream of [false, true]) {
    it(`openai SDK, ${stream ? 'streamed' : 'whole reply'}`, async () => {
      const p = await createOpenAIProvider(parseModelRef(`openai:acme@${a.gw.origin}/v1`), { env: { OPENAI_API_KEY: a.key }, stream });
      const g = await p.generate(ask);
      assert.equal(g.text, 'Paris, of course.');
      assert.equal(g.returnedModel, 'acme-internal-1');
      await assertLogged(g, stream);
      const body = unpackBody(g.gateway!.requestBody).toString('utf8');
      assert.match(body, /Capital of France\?/);
      assert.ok(!body.includes(a.key), 'the key travels in a header, never in the kept body');
    });

    it(`anthropic SDK, ${stream ? 'streamed' : 'whole reply'}`, async () => {
      const p = await createAnthropicProvider(parseModelRef(`anthropic:acme-c@${a.gw.origin}`), { env: { ANTHROPIC_API_KEY: a.key }, stream });
      const g = await p.generate(ask);
      assert.equal(g.text, 'Paris.');
      await assertLogged(g, stream);
    });
  }

  it('a server that is not a gateway: no evidence, nothing asked of /audit/key', async () => {
    const p = await createOpenAIProvider(parseModelRef(`openai:plain@${openai.url}`), { env: {}, stream: true });
    const before = openai.requests.length;
    const g = await p.generate(ask);
    assert.equal(g.text, 'Paris, of course.');
    assert.equal(g.gateway, undefined);
    assert.deepEqual(openai.requests.slice(before).map((r) => r.path), ['/v1/chat/completions']);
  });
});
