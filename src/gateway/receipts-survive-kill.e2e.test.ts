import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { cleanEnv, startCli } from '../cli/testing/run-cli.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../models/testing/fake-openai-server.js';
import { AuditLog } from './audit/audit-log.js';
import { JournaledAuditStorage } from './audit/journaled-audit-storage.js';
import { exportLog, readLogFile } from './audit/log-export.js';
import { parseReceipt, receiptSignatureValid } from './audit/receipt.js';
import { parseVerifierKey } from './audit/signed-note.js';
import { verifyLogFile } from './audit/verify.js';
import type { AuditReceipt } from './contracts.js';

const ADMIN = 'kill-test-admin-key';

/**
 * Receipts mean durable: a gateway killed with SIGKILL while calls are in flight, under one
 * call at a time and under 16 at once, for both durability settings. Every receipt a client
 * received (whole replies, stream headers and stream trailers) must, after a restart, name a
 * leaf of the log at its index with its hash, carry the log key's signature, and pass the full
 * offline verification of the exported log.
 */
describe('receipts survive kill -9', () => {
  let upstream: FakeOpenAIServer;
  before(async () => {
    upstream = await startFakeOpenAIServer({ text: 'Hello.' });
  });
  after(() => upstream.close());

  for (const durability of ['process', 'fsync'] as const) {
    for (const concurrency of [1, 16]) {
      it(`durability ${durability}, ${concurrency} call(s) at a time`, { timeout: 60_000 }, async () => {
        const dir = mkdtempSync(join(tmpdir(), 'cc-kill-'));
        try {
          const config = join(dir, 'gateway.yaml');
          writeFileSync(config, [
            'listen: { host: 127.0.0.1, port: 0 }',
            'store: { sqlite: ./gateway.db }',
            `audit: { durability: ${durability} }`,
            'models:',
            `  m: { upstream: "openai:m@${upstream.url}" }`,
          ].join('\n'));
          const server = startCli(['gateway', 'serve', '--config', config], { env: cleanEnv({ CROSSCHECK_ADMIN_KEY: ADMIN }) });
          const exited = new Promise((r) => server.on('exit', r));
          const { url, verifier } = await new Promise<{ url: string; verifier: string }>((resolve, reject) => {
            let url = '';
            createInterface({ input: server.stdout! }).on('line', (line) => {
              url ||= /gateway listening on (\S+)/.exec(line)?.[1] ?? '';
              const key = /verify checkpoints with (\S+)/.exec(line)?.[1];
              if (url && key) resolve({ url, verifier: key });
            });
            server.on('exit', (code) => reject(new Error(`gateway exited ${code}`)));
          });
          const created = await fetch(`${url}/admin/grants`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` }, body: JSON.stringify({ grantee: 'lab-b', models: ['m'] }) });
          const { key } = (await created.json()) as { key: string };

          const receipts = await loadUntilKilled(url, key, concurrency, () => server.kill('SIGKILL'));
          await exited;
          assert.ok(receipts.length >= 40, `only ${receipts.length} receipts before the kill`);

          // Restart the log from its files (as the next gateway would) and check every receipt.
          const log = await AuditLog.open(JournaledAuditStorage.open(join(dir, 'gateway-audit.db')), readFileSync(join(dir, 'gateway-audit.key'), 'utf8').trim());
          try {
            const key = parseVerifierKey(verifier);
            for (const r of receipts) {
              assert.ok(receiptSignatureValid(r, key), `receipt ${r.index} is signed by the log key`);
              const [leaf] = await log.readLeaves(r.index, 1);
              assert.equal(leaf?.leafHash, r.leafHash, `receipt ${r.index} names a leaf that survived`);
            }
            const checkpoint = await log.checkpoint();
            const file = join(dir, 'export.jsonl');
            await exportLog(log, file, { signCheckpoint: false });
            const report = verifyLogFile(await readLogFile(file), { checkpoints: [checkpoint], receipts, verifierKey: verifier });
            assert.deepEqual(report.problems, []);
            assert.equal(report.checked.signedReceipts, receipts.length);
          } finally {
            await log.close();
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  }
});

/** Calls (every third one streamed) from `concurrency` loops until `kill` has been called mid-load; the receipts received. */
async function loadUntilKilled(url: string, key: string, concurrency: number, kill: () => void): Promise<AuditReceipt[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const receipts: AuditReceipt[] = [];
  let killed = false;
  let n = 0;
  const one = (stream: boolean) =>
    new Promise<void>((resolve) => {
      const body = JSON.stringify({ model: 'm', stream, max_tokens: 5, messages: [{ role: 'user', content: `call ${n}` }] });
      const req = http.request(`${url}/v1/chat/completions`, { method: 'POST', agent, headers: { authorization: `Bearer ${key}`, 'content-length': Buffer.byteLength(body) } }, (res) => {
        const header = res.headers['x-crosscheck-receipt'];
        if (typeof header === 'string') receipts.push(parseReceipt(header)); // a receipt counts from the moment the client holds it
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          const trailer = /: x-crosscheck-receipt (\S+)/.exec(text)?.[1];
          if (trailer) receipts.push(parseReceipt(trailer));
          resolve();
        });
        res.on('error', () => resolve());
        res.on('close', () => resolve()); // cut off by the kill: no 'end'
      });
      req.on('error', () => resolve());
      req.end(body);
    });
  const started = Date.now();
  // Killed mid-load once 40 receipts are in (the loops are still calling), or after 10 s.
  const watch = setInterval(() => {
    if (receipts.length < 40 && Date.now() - started < 10_000) return;
    clearInterval(watch);
    killed = true;
    kill();
  }, 5);
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (!killed) await one(n++ % 3 === 0);
  }));
  agent.destroy();
  return receipts;
}
