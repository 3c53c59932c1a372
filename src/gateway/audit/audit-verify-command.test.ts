import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { AuditLog } from './audit-log.js';
import { auditVerifyCommand } from './audit-verify-command.js';
import { exportLog } from './log-export.js';
import { formatReceiptHeader } from './receipt.js';
import { generateSignerKey } from './signed-note.js';
import { SqliteAuditStorage } from './sqlite-audit-storage.js';

async function scenario(dir: string) {
  const keys = generateSignerKey('gateway.lab-a.example/audit');
  const log = await AuditLog.open(new SqliteAuditStorage(':memory:'), keys.signerKey);
  const receipts = [];
  for (let i = 0; i < 6; i++) receipts.push(await log.append({ kind: 'request', time: 't', requestId: `r${i}`, detail: { i } }));
  writeFileSync(join(dir, 'a.note'), await log.checkpoint());
  for (let i = 6; i < 11; i++) receipts.push(await log.append({ kind: 'response', time: 't', requestId: `r${i}`, detail: { i } }));
  writeFileSync(join(dir, 'b.note'), await log.checkpoint());
  // Receipts as the grantee would keep them: raw header values and JSON both work.
  writeFileSync(join(dir, 'receipts.jsonl'), receipts.map((r, i) => (i % 2 ? formatReceiptHeader(r) : JSON.stringify(r))).join('\n') + '\n');
  writeFileSync(join(dir, 'key.pub'), keys.verifierKey + '\n');
  await exportLog(log, join(dir, 'log.jsonl'));
  await log.close();
  return { keys, args: ['--key', join(dir, 'key.pub'), '--from', join(dir, 'a.note'), '--to', join(dir, 'b.note'), '--log', join(dir, 'log.jsonl'), '--receipts', join(dir, 'receipts.jsonl')] };
}

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'audit-cli-'));
  try {
    await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a clean exported log exits 0 with a summary', () =>
  withDir(async (dir) => {
    const { args, keys } = await scenario(dir);
    const lines: string[] = [];
    assert.equal(await auditVerifyCommand(args, (l) => lines.push(l)), 0);
    assert.match(lines.join('\n'), /OK: no tampering found \(log proven up to size 11\)/);
    assert.match(lines.join('\n'), /from: size 6/);
    // The key can also be given inline.
    const inline = [...args];
    inline[1] = keys.verifierKey;
    assert.equal(await auditVerifyCommand(inline, () => undefined), 0);
  }));

test('a tampered log file exits 1 and names the problem', () =>
  withDir(async (dir) => {
    const { args } = await scenario(dir);
    const file = join(dir, 'log.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"i":3', '"i":333'));
    const lines: string[] = [];
    assert.equal(await auditVerifyCommand(args, (l) => lines.push(l)), 1);
    assert.match(lines.join('\n'), /TAMPERING FOUND/);
    assert.match(lines.join('\n'), /\[edited_leaf\] leaf 3/);
    const json: string[] = [];
    assert.equal(await auditVerifyCommand([...args, '--json'], (l) => json.push(l)), 1);
    assert.equal(JSON.parse(json.join('\n')).ok, false);
  }));

test('bad input is a UsageError (exit code 2)', () =>
  withDir(async (dir) => {
    const { args } = await scenario(dir);
    const without = (flag: string) => {
      const i = args.indexOf(flag);
      return [...args.slice(0, i), ...args.slice(i + 2)];
    };
    const usage = async (argv: string[], re: RegExp) => {
      await assert.rejects(auditVerifyCommand(argv, () => undefined), (e: unknown) => e instanceof UsageError && e.exitCode === 2 && re.test(e.message));
    };
    await usage(without('--key'), /--key is required/);
    await usage(without('--log'), /exactly one of --log/);
    await usage([...args, '--gateway', 'http://127.0.0.1:1'], /exactly one of --log/);
    await usage([...args, '--bogus'], /Unknown option/);
    await usage(['--key', 'not-a-key', ...args.slice(2)], /--key/);
    await usage([...without('--log'), '--log', join(dir, 'nope.jsonl')], /cannot read log file/);
    writeFileSync(join(dir, 'bad.jsonl'), '{"type":"leaf","index":0}\n');
    await usage([...without('--log'), '--log', join(dir, 'bad.jsonl')], /bad\.jsonl:1: a leaf needs/);
    writeFileSync(join(dir, 'bad-receipts'), '12:zz\n');
    await usage([...without('--receipts'), '--receipts', join(dir, 'bad-receipts')], /bad-receipts:1/);
    const other = generateSignerKey('someone.else/audit');
    await usage(['--key', other.verifierKey, ...args.slice(2)], /is the log of gateway\.lab-a\.example\/audit/);
  }));

test('signed receipts: a valid one counts, a forged one is a bad signature, a signed one whose leaf is gone is a broken promise', () =>
  withDir(async (dir) => {
    const keys = generateSignerKey('gateway.lab-a.example/audit');
    const log = await AuditLog.open(new SqliteAuditStorage(':memory:'), keys.signerKey);
    const signed = [];
    for (let i = 0; i < 4; i++) signed.push(await log.append({ kind: 'response', time: 't', requestId: `r${i}` }, { sign: true }));
    writeFileSync(join(dir, 'a.note'), await log.checkpoint());
    await exportLog(log, join(dir, 'log.jsonl'));
    await log.close();
    const forged = { ...signed[1], signature: signed[2].signature };
    const beyond = { index: 9, leafHash: signed[0].leafHash.replace(/^../, 'ff'), signature: signed[0].signature };
    writeFileSync(join(dir, 'r.txt'), [signed[0], forged, beyond].map((r) => formatReceiptHeader(r)).join('\n') + '\n');
    const lines: string[] = [];
    const code = await auditVerifyCommand(['--key', keys.verifierKey, '--from', join(dir, 'a.note'), '--log', join(dir, 'log.jsonl'), '--receipts', join(dir, 'r.txt')], (l) => lines.push(l));
    assert.equal(code, 1);
    const text = lines.join('\n');
    assert.match(text, /receipts: 3 \(1 with a valid signature\)/);
    assert.match(text, /\[bad_signature\] receipt 1/);
    assert.match(text, /\[bad_signature\] receipt 9/, 'a signature moved onto another index or hash does not verify');
  }));

test('keys are never taken from argv: --admin-key is refused; --key-env names an unset variable: exit 2', async () => {
  await assert.rejects(auditVerifyCommand(['--key', 'k', '--from', 'a', '--gateway', 'http://x', '--admin-key', 'secret']), UsageError);
  const keys = generateSignerKey('g/x');
  await withDir(async (dir) => {
    const log = await AuditLog.open(new SqliteAuditStorage(':memory:'), keys.signerKey);
    writeFileSync(join(dir, 'a.note'), await log.checkpoint());
    await log.close();
    await assert.rejects(auditVerifyCommand(['--key', keys.verifierKey, '--from', join(dir, 'a.note'), '--gateway', 'http://127.0.0.1:9', '--key-env', 'NOT_SET_ANYWHERE'], () => undefined, {}), /NOT_SET_ANYWHERE: the variable is not set/);
  });
});
