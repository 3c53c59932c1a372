import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import OpenAI from 'openai';
import { startFakeOpenAIServer } from '../models/testing/fake-openai-server.js';
import { cleanEnv, runCli, startCli } from '../cli/testing/run-cli.js';

const ADMIN = 'admin-secret-for-tests-0123456789';
const upstream = await startFakeOpenAIServer({ text: 'Hello from acme.', model: 'acme-internal-7' });
after(() => upstream.close());

test('gateway serve with the real audit log: grant, call with the official client, verify receipts and checkpoints, revoke', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-gw-'));
  const config = join(dir, 'gateway.yaml');
  writeFileSync(config, [
    'listen: { host: 127.0.0.1, port: 0 }',
    'store: { sqlite: ./gateway.db }',
    'models:',
    `  acme-large: { upstream: "openai:acme-large@${upstream.url}" }`,
    `  acme-large-reduced-safeguards: { upstream: "openai:acme-large-rs@${upstream.url}", variant: reduced-safeguards }`,
    'audit: { checkpointEverySeconds: 0.2 }',
  ].join('\n'));
  const env = cleanEnv({ CROSSCHECK_ADMIN_KEY: ADMIN });
  const server = startCli(['gateway', 'serve', '--config', config], { env });
  let logs = '';
  server.stderr!.on('data', (d) => (logs += d));
  const lines = createInterface({ input: server.stdout! });
  const seen: string[] = [];
  const { url, verifier } = await new Promise<{ url: string; verifier: string }>((resolve, reject) => {
    let url = '';
    lines.on('line', (line) => {
      seen.push(line);
      url ||= /gateway listening on (\S+)/.exec(line)?.[1] ?? '';
      const key = /verify checkpoints with (\S+)/.exec(line)?.[1];
      if (url && key) resolve({ url, verifier: key });
    });
    server.on('exit', (code) => reject(new Error(`gateway exited ${code}: ${logs}`)));
  });
  try {
    const created = await runCli(['grant', 'create', '--to', 'lab-b', '--models', 'acme-large,acme-large-reduced-safeguards', '--expires', '30d',
      '--rpm', '600', '--purpose', 'safety evaluation', '--suites', 'hallucination', '--deny', 'logit_bias', '--max-logprobs', '0',
      '--config', config, '--url', url, '--json'], { env });
    assert.equal(created.code, 0, created.stderr);
    const { grant, key } = JSON.parse(created.stdout);
    assert.match(key, /^ccx_/);

    const client = new OpenAI({ apiKey: key, baseURL: `${url}/v1`, maxRetries: 0 });
    const checkpoint = async () => {
      const res = await fetch(`${url}/audit/checkpoint`, { headers: { authorization: `Bearer ${key}` } });
      assert.equal(res.status, 200);
      return ((await res.json()) as { checkpoint: string }).checkpoint;
    };
    const receipts: string[] = [];
    const call = async (model: string) => {
      const { data, response } = await client.chat.completions
        .create({ model, messages: [{ role: 'user', content: 'In which year did the Berlin Wall fall?' }] })
        .withResponse();
      const receipt = response.headers.get('x-crosscheck-receipt');
      assert.match(receipt ?? '', /^\d+:[0-9a-f]{64}:[A-Za-z0-9+/]{86}==$/, 'index, leaf hash and the log key\'s signature');
      receipts.push(receipt!);
      return data;
    };

    const first = await call('acme-large');
    assert.equal(first.choices[0].message.content, 'Hello from acme.');
    const before = await checkpoint();
    for (let i = 0; i < 3; i++) await call('acme-large-reduced-safeguards');
    await new Promise((r) => setTimeout(r, 500)); // the schedule signs the grown log; the route serves the latest, signing nothing
    const later = await checkpoint();
    assert.notEqual(later, before);
    assert.equal(await checkpoint(), later, 'no new checkpoint per request');

    await assert.rejects(
      client.chat.completions.create({ model: 'acme-large', messages: [{ role: 'user', content: 'x' }], logit_bias: { '1': 5 } }),
      (err: any) => err.status === 400,
    );
    const upstreamCalls = upstream.requests.length;

    const files = { from: join(dir, 'a.note'), to: join(dir, 'b.note'), receipts: join(dir, 'receipts.txt') };
    writeFileSync(files.from, before);
    writeFileSync(files.to, later);
    writeFileSync(files.receipts, `${receipts.join('\n')}\n`);
    const verified = await runCli(['audit', 'verify', '--key', verifier, '--from', files.from, '--to', files.to,
      '--gateway', url, '--receipts', files.receipts], { env: cleanEnv({ CROSSCHECK_GATEWAY_KEY: key }) });
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    assert.match(verified.stdout, /receipts: 4 \(4 with a valid signature\)/);

    // The full check: the admin exports the log, every leaf is recomputed from its entry.
    const exported = join(dir, 'log.jsonl');
    const exportRun = await runCli(['audit', 'export', '--gateway', url, '--out', exported], { env });
    assert.equal(exportRun.code, 0, exportRun.stderr);
    const full = await runCli(['audit', 'verify', '--key', verifier, '--from', files.from, '--to', files.to, '--log', exported, '--receipts', files.receipts], { env: cleanEnv() });
    assert.equal(full.code, 0, full.stdout + full.stderr);
    // An entry's text edited, its recorded leaf hash kept: caught.
    const tampered = join(dir, 'tampered.jsonl');
    writeFileSync(tampered, readFileSync(exported, 'utf8').replace('"reduced-safeguards"', '"standard"'));
    const caught = await runCli(['audit', 'verify', '--key', verifier, '--from', files.from, '--to', files.to, '--log', tampered], { env: cleanEnv() });
    assert.equal(caught.code, 1, caught.stdout);
    assert.match(caught.stdout, /\[edited_leaf\]/);
    const asGrantee = await fetch(`${url}/audit/export`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(asGrantee.status, 403, 'the export is for the admin');

    const revoked = await runCli(['grant', 'revoke', grant.id, '--reason', 'terms breach', '--config', config, '--url', url], { env });
    assert.equal(revoked.code, 0, revoked.stderr);
    await assert.rejects(call('acme-large'), (err: any) => err.status === 403);
    assert.equal((await fetch(`${url}/audit/checkpoint`, { headers: { authorization: `Bearer ${key}` } })).status, 403, 'a revoked key gets no checkpoint');
    assert.equal(upstream.requests.length, upstreamCalls, 'rejected calls never reach the upstream');
    assert.ok(!logs.includes(key) && !seen.join('\n').includes(key), 'the key never appears in the gateway output');
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.on('exit', r));
  }
});

test('the grant\'s monitor policy applies: n>1 harvesting past its threshold suspends the grant, and the alert is audited', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-gw-monitor-'));
  const config = join(dir, 'gateway.yaml');
  writeFileSync(config, ['listen: { host: 127.0.0.1, port: 0 }', 'store: { sqlite: ./gateway.db }', 'models:',
    `  acme-large: { upstream: "openai:acme-large@${upstream.url}" }`].join('\n'));
  const env = cleanEnv({ CROSSCHECK_ADMIN_KEY: ADMIN });
  const server = startCli(['gateway', 'serve', '--config', config], { env });
  const exited = new Promise((r) => server.on('exit', r));
  const stop = async () => {
    server.kill('SIGTERM');
    await exited;
  };
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: server.stdout! }).on('line', (l) => { const m = /gateway listening on (\S+)/.exec(l); if (m) resolve(m[1]); });
    server.on('exit', (code) => reject(new Error(`gateway exited ${code}`)));
  });
  try {
    const created = await runCli(['grant', 'create', '--to', 'lab-c', '--models', 'acme-large', '--on-signal', 'multi_sample_harvest=suspend',
      '--config', config, '--url', url, '--json'], { env });
    assert.equal(created.code, 0, created.stderr);
    const { grant, key } = JSON.parse(created.stdout);
    assert.deepEqual(grant.onSignal, { multi_sample_harvest: 'suspend' });
    const bad = await runCli(['grant', 'create', '--to', 'lab-c', '--models', 'acme-large', '--on-signal', 'vibes=suspend', '--config', config, '--url', url], { env });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown monitor signal "vibes"/);

    const client = new OpenAI({ apiKey: key, baseURL: `${url}/v1`, maxRetries: 0 });
    const ask = (n: number) => client.chat.completions.create({ model: 'acme-large', n, messages: [{ role: 'user', content: 'Name a colour.' }] });
    for (let i = 0; i < 100; i++) await ask(i % 10 === 0 ? 2 : 1); // 10% ask for n > 1, over the 5% threshold
    // The monitor sees a call after its reply has gone out, so the suspension lands just after the 100th call.
    let listed = '';
    for (let tries = 0; tries < 50 && !/"status": "suspended"/.test(listed); tries++) {
      listed = (await runCli(['grant', 'list', '--config', config, '--url', url, '--json'], { env })).stdout;
    }
    assert.match(listed, /"status": "suspended"/);
    await assert.rejects(ask(1), (err: any) => err.status === 403);
    await stop(); // the log's own file is held by the gateway while it runs
    const db = new Database(join(dir, 'gateway-audit.db'), { readonly: true });
    const alerts = (db.prepare(`SELECT entry FROM audit_leaves WHERE entry LIKE '%"kind":"alert"%'`).all() as { entry: string }[]).map((r) => JSON.parse(r.entry));
    // Bodies are kept with their leaves: each stored body hashes (with its salt) to its leaf's bodyHash.
    const leaves = (db.prepare(`SELECT entry FROM audit_leaves WHERE entry LIKE '%"kind":"response"%' AND entry LIKE '%bodyHash%' LIMIT 5`).all() as { entry: string }[]).map((r) => JSON.parse(r.entry));
    assert.equal(leaves.length, 5);
    for (const leaf of leaves) {
      const row = db.prepare('SELECT salt, body FROM audit_bodies WHERE request_id = ? AND part = ?').get(leaf.requestId, 'response') as { salt: Buffer; body: Buffer };
      assert.ok(row, `no stored body for ${leaf.requestId}`);
      assert.equal(createHash('sha256').update(row.salt).update(row.body).digest('hex'), leaf.bodyHash);
    }
    db.close();
    assert.ok(alerts.some((a) => a.grantId === grant.id && a.detail.signal === 'multi_sample_harvest' && a.detail.action === 'suspend'), JSON.stringify(alerts));
  } finally {
    await stop();
  }
});
