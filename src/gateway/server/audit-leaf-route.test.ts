import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bodyHash, canonicalJson } from '../audit/canonical.js';
import { hashLeafText, verifyInclusion } from '../audit/merkle.js';
import { openCheckpoint } from '../audit/checkpoint.js';
import { parseReceipt } from '../audit/receipt.js';
import { parseVerifierKey } from '../audit/signed-note.js';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../../models/testing/fake-openai-server.js';
import { type AuditedTestGateway, startAuditedTestGateway } from '../testing/audited-gateway.js';
import { TEST_ADMIN_KEY } from '../testing/test-gateway.js';

describe('GET /audit/key (public) and /audit/leaf (a leaf, its salt and proof, for its own grant or the admin)', () => {
  let up: FakeOpenAIServer;
  let a: AuditedTestGateway;
  before(async () => {
    up = await startFakeOpenAIServer({ text: 'hello' });
    a = await startAuditedTestGateway({ acme: { upstream: `openai:acme@${up.url}` } });
  });
  after(async () => {
    await a.close();
    await up.close();
  });
  const get = (path: string, key?: string) => fetch(`${a.gw.origin}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

  it('serves the log\'s verifier key without any key', async () => {
    const r = await get('/audit/key');
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), { origin: a.log.origin, verifierKey: a.log.verifierKey });
  });

  it('opens the leaves a whole reply names, with salts that hash the sent and received bytes; other grants are refused', async () => {
    const sent = JSON.stringify({ model: 'acme', messages: [{ role: 'user', content: 'hi' }], max_tokens: 5 });
    const res = await fetch(`${a.gw.origin}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${a.key}`, 'content-type': 'application/json' }, body: sent });
    const received = Buffer.from(await res.arrayBuffer());
    const requestReceipt = parseReceipt(res.headers.get('x-crosscheck-request-receipt')!);
    const responseReceipt = parseReceipt(res.headers.get('x-crosscheck-receipt')!);
    assert.equal(requestReceipt.signature, undefined, 'the request leaf\'s receipt only says where it is');
    const note = await a.log.checkpoint();
    const cp = openCheckpoint(note, parseVerifierKey(a.log.verifierKey));
    for (const [receipt, bytes, kind] of [[requestReceipt, Buffer.from(sent), 'request'], [responseReceipt, received, 'response']] as const) {
      const r = await get(`/audit/leaf?index=${receipt.index}&size=${cp.size}`, a.key);
      assert.equal(r.status, 200);
      const leaf = (await r.json()) as { leafHash: string; entry: Record<string, unknown>; salt: string; proof: string[]; size: number };
      assert.equal(leaf.leafHash, receipt.leafHash);
      assert.equal(hashLeafText(canonicalJson(leaf.entry)), receipt.leafHash);
      assert.equal(leaf.entry.kind, kind);
      assert.equal(leaf.entry.requestId, res.headers.get('x-crosscheck-request-id'));
      assert.equal(bodyHash(Buffer.from(leaf.salt, 'base64'), bytes), leaf.entry.bodyHash);
      verifyInclusion(receipt.index, cp.size, Buffer.from(leaf.leafHash, 'hex'), leaf.proof.map((h) => Buffer.from(h, 'hex')), cp.rootHash);
    }
    const { key: other } = await a.gw.grant();
    assert.equal((await get(`/audit/leaf?index=${responseReceipt.index}&size=${cp.size}`, other)).status, 403);
    assert.equal((await get(`/audit/leaf?index=${responseReceipt.index}&size=${cp.size}`)).status, 401);
    assert.equal((await get(`/audit/leaf?index=${responseReceipt.index}&size=${cp.size}`, TEST_ADMIN_KEY)).status, 200);
    assert.equal((await get(`/audit/leaf?index=${cp.size}&size=${cp.size}`, TEST_ADMIN_KEY)).status, 400, 'an index outside the tree');
  });
});
