import OpenAI from 'openai';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError, UsageError } from '../../core/errors.js';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../../models/testing/fake-openai-server.js';
import { SqliteBodyStore } from '../store/sqlite-body-store.js';
import { FakeAuditSink } from '../testing/fake-audit-sink.js';
import { gatewayServe } from './gateway-serve.js';
import { grantCreate } from './grant-create.js';
import { grantList } from './grant-list.js';
import { grantRevoke } from './grant-revoke.js';
import type { CommandIo } from './io.js';
import { captureIo } from './testing/capture-io.js';


describe('gateway CLI: serve, grant create / list / revoke', () => {
  let dir: string;
  let upstream: FakeOpenAIServer;
  let config: string;
  const env = { GW_ADMIN: 'admin-secret-for-cli-test', UPSTREAM_KEY: 'sk-upstream-secret' };
  const audit = new FakeAuditSink();
  const stop = new AbortController();
  let serving: Promise<number>;
  let serveIo: ReturnType<typeof captureIo>;
  let url: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ccx-cli-'));
    upstream = await startFakeOpenAIServer({ text: 'from upstream' });
    config = join(dir, 'gateway.yaml');
    writeFileSync(
      config,
      [
        'listen: { host: 127.0.0.1, port: 0 }',
        'store: { sqlite: state/gateway.db }',
        'adminKeyEnv: GW_ADMIN',
        'models:',
        `  acme-large: { upstream: "openai:gpt-up@${upstream.url}", apiKeyEnv: UPSTREAM_KEY }`,
        `  acme-large-reduced-safeguards: { upstream: "openai:gpt-rs@${upstream.url}", variant: reduced-safeguards, apiKeyEnv: UPSTREAM_KEY }`,
      ].join('\n'),
    );
    serveIo = captureIo(env);
    url = await new Promise<string>((resolve, reject) => {
      serving = gatewayServe(['--config', config], serveIo, { parts: async () => ({ audit }), stop: stop.signal, onListening: resolve });
      serving.catch(reject);
    });
  });
  after(async () => {
    stop.abort();
    await serving;
    await upstream.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('grant create prints the key once; the grantee uses it with the OpenAI SDK; list and revoke work', async () => {
    const io = captureIo(env);
    const code = await grantCreate(
      ['--to', 'lab-b', '--models', 'acme-large,acme-large-reduced-safeguards', '--expires', '30d', '--rpm', '600', '--tpm', '2000000',
        '--max-tokens-total', '5e8', '--purpose', 'safety evaluation', '--suites', 'hallucination,jailbreak', '--deny', 'logit_bias',
        '--max-logprobs', '0', '--max-tokens-per-call', '2048', '--allow-list', '--allow', 'guided_json', '--config', config, '--url', url],
      io,
    );
    assert.equal(code, 0);
    assert.match(io.stdout, /maxTokensPerCall=2048/);
    assert.match(io.stdout, /allow-list\+guided_json/);
    const key = /key +(ccx_\S+)/.exec(io.stdout)?.[1];
    const grantId = /grant +(grant_\S+)/.exec(io.stdout)?.[1];
    assert.ok(key && grantId, io.stdout);
    assert.match(io.stdout, /maxTokensTotal=500000000/);
    assert.match(io.stdout, /acme-large-reduced-safeguards \[reduced-safeguards\]/);

    const client = new OpenAI({ apiKey: key, baseURL: `${url}/v1`, maxRetries: 0 });
    const res = await client.chat.completions.create({ model: 'acme-large-reduced-safeguards', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(res.choices[0].message.content, 'from upstream');
    assert.equal(upstream.requests[0].headers.authorization, 'Bearer sk-upstream-secret', 'the configured upstream key is used');
    const denied = await client.chat.completions.create({ model: 'acme-large', messages: [{ role: 'user', content: 'x' }], logprobs: true }).catch((e) => e);
    assert.equal(denied.status, 400);

    const list = captureIo(env);
    assert.equal(await grantList(['--config', config, '--url', url], list), 0);
    assert.match(list.stdout, new RegExp(`${grantId}\\s+lab-b\\s+active`));
    assert.ok(!list.stdout.includes(key));

    const revoke = captureIo(env);
    assert.equal(await grantRevoke([grantId, '--reason', 'study over', '--config', config, '--url', url], revoke), 0);
    assert.match(revoke.stdout, /revoked grant_/);
    const after = await client.chat.completions.create({ model: 'acme-large', messages: [{ role: 'user', content: 'x' }] }).catch((e) => e);
    assert.equal(after.status, 403);
    assert.ok(audit.ofKind('grant_revoked').length === 1);

    // Bodies were kept beside the grants (storeBodies defaults to on).
    const bodies = new SqliteBodyStore(join(dir, 'state/gateway.db'));
    try {
      const stored = bodies.get(audit.ofKind('request').find((e) => (e.detail as any).accepted)!.requestId!, 'request');
      assert.ok(stored && JSON.parse(stored.body.toString()).model === 'acme-large-reduced-safeguards');
    } finally {
      await bodies.close();
    }
    for (const secret of [key, env.GW_ADMIN, env.UPSTREAM_KEY]) assert.ok(!serveIo.stderr.includes(secret) && !serveIo.stdout.includes(secret));
  });

  it('refuses bad input with one-line usage errors, and without the admin key', async () => {
    await assert.rejects(grantCreate(['--models', 'acme-large', '--config', config, '--url', url], captureIo(env)), UsageError);
    await assert.rejects(grantCreate(['--to', 'lab-b', '--models', 'acme-large', '--rpm', '1.5', '--config', config], captureIo(env)), UsageError);
    await assert.rejects(grantRevoke(['grant_x', '--config', config, '--url', url], captureIo(env)), /--reason is required/);
    await assert.rejects(grantList(['--config', config, '--url', url], captureIo({})), ConfigError);
    await assert.rejects(grantCreate(['--to', 'lab-b', '--models', 'acme-large', '--allow', 'x', '--config', config, '--url', url], captureIo(env)), /give --allow-list too/);
    await assert.rejects(grantCreate(['--to', 'lab-b', '--models', 'nope', '--config', config, '--url', url], captureIo(env)), /unknown model nope/);
    await assert.rejects(grantRevoke(['grant_missing', '--reason', 'r', '--config', config, '--url', url], captureIo(env)), /404/);
  });

  it('serve with the default parts keeps a signed Merkle log and says which key verifies it', async () => {
    const io = captureIo(env);
    const stopReal = new AbortController();
    const served = new Promise<string>((resolve, reject) => {
      gatewayServe(['--config', config, '--port', '0'], io, { stop: stopReal.signal, onListening: resolve }).catch(reject);
    });
    const realUrl = await served;
    const res = await fetch(`${realUrl}/audit/checkpoint`, { headers: { authorization: `Bearer ${env.GW_ADMIN}` } });
    assert.equal(res.status, 200);
    assert.match(((await res.json()) as { checkpoint: string }).checkpoint, /^crosscheck-gateway\n\d+\n/);
    assert.match(io.stdout, /grantees verify checkpoints with crosscheck-gateway\+[0-9a-f]{8}\+/);
    const unauthorised = await fetch(`${realUrl}/audit/checkpoint`);
    assert.equal(unauthorised.status, 401);
    stopReal.abort();
  });
});
