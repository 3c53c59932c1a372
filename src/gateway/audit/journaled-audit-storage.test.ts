import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { AuditEntry } from '../contracts.js';
import { AuditLog, GROUP_COMMIT_MS } from './audit-log.js';
import type { LeafToAppend } from './audit-storage.js';
import { bodyHash } from './canonical.js';
import { AuditLogInUseError, JournaledAuditStorage } from './journaled-audit-storage.js';
import { formatReceiptHeader, parseReceipt, receiptSignatureValid } from './receipt.js';
import { generateSignerKey, parseVerifierKey } from './signed-note.js';
import { SqliteAuditStorage } from './sqlite-audit-storage.js';

const keys = generateSignerKey('gateway.test/journal');

function entry(i: number): AuditEntry {
  return { kind: 'request', time: new Date(1_700_000_000_000 + i).toISOString(), grantId: 'g1', requestId: `r${i}`, detail: { i } };
}

/** Runs `before` ahead of each journal write of `storage` (it may count the leaves, or throw to fail the write). */
function beforeEachWrite(storage: JournaledAuditStorage, before: (leaves: LeafToAppend[]) => void): void {
  const write = storage.appendLeavesSync.bind(storage);
  storage.appendLeavesSync = (size, leaves) => (before(leaves), write(size, leaves));
}

function withDir(fn: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-journal-'));
    try {
      await fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

test('leaves, bodies and proofs read back through the journal; a reopened log continues the tree', withDir(async (dir) => {
  const file = join(dir, 'audit.db');
  const log = await AuditLog.open(JournaledAuditStorage.open(file), keys.signerKey);
  const receipts = await Promise.all(Array.from({ length: 25 }, (_, i) => log.append(entry(i), i === 3 ? { body: 'the body of r3' } : {})));
  assert.deepEqual(receipts.map((r) => r.index), Array.from({ length: 25 }, (_, i) => i));
  // Read at once: the reads copy the journal into SQLite first.
  assert.deepEqual((await log.entry(7))?.detail, { i: 7 });
  const body = (await log.getBody('r3', 'request'))!;
  assert.equal(bodyHash(body.salt, body.body), (await log.entry(3))!.bodyHash);
  const root = await log.root();
  await log.close();

  const again = await AuditLog.open(JournaledAuditStorage.open(file), keys.signerKey);
  assert.equal(await again.size(), 25);
  assert.equal(await again.root(), root);
  assert.equal((await again.append(entry(25))).index, 25);
  await again.close();
  // What the journaled storage wrote is an ordinary SQLite audit log.
  const plain = new SqliteAuditStorage(file);
  assert.equal(plain.count(), 26);
  await plain.close();
}));

test('a log open for writing cannot be opened a second time (by another process or connection)', withDir(async (dir) => {
  const file = join(dir, 'audit.db');
  const first = JournaledAuditStorage.open(file);
  assert.throws(() => JournaledAuditStorage.open(file), (e: Error) => e instanceof AuditLogInUseError && /open in another process/.test(e.message));
  await first.close();
  await JournaledAuditStorage.open(file).close();
}));

test('leaves acknowledged before a kill -9 are all there after it, copied from the journal', withDir(async (dir) => {
  const file = join(dir, 'audit.db');
  const modules = new URL('.', import.meta.url).pathname;
  // The child appends, prints the root its receipts commit to, then holds the event loop so the
  // background copy into SQLite never runs: the leaves exist only in the journal when it dies.
  const child = spawn(process.execPath, ['--input-type=module', '-e', `
    const { AuditLog } = await import(${JSON.stringify(join(modules, 'audit-log.js'))});
    const { JournaledAuditStorage } = await import(${JSON.stringify(join(modules, 'journaled-audit-storage.js'))});
    const log = await AuditLog.open(JournaledAuditStorage.open(${JSON.stringify(file)}), ${JSON.stringify(keys.signerKey)});
    for (let i = 0; i < 40; i++) await log.append({ kind: 'request', time: 't' + i, requestId: 'r' + i }, { body: 'body ' + i });
    process.stdout.write('root ' + (await log.root(40)) + '\\n');
    for (;;) {}
  `], { stdio: ['ignore', 'pipe', 'inherit'] });
  const root = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (l) => l.startsWith('root ') && resolve(l.slice(5)));
    child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
  });
  child.kill('SIGKILL');
  await new Promise((r) => child.on('exit', r));
  assert.ok(statSync(JournaledAuditStorage.journalPath(file)).size > 0, 'the leaves were still only in the journal');

  const log = await AuditLog.open(JournaledAuditStorage.open(file), keys.signerKey);
  assert.equal(await log.size(), 40);
  assert.equal(await log.root(), root);
  const body = (await log.getBody('r39', 'request'))!;
  assert.equal(body.body.toString(), 'body 39');
  assert.equal(statSync(JournaledAuditStorage.journalPath(file)).size, 0, 'copied, the journal is emptied');
  await log.close();
}));

test('a torn last journal line is dropped; a gap in the journal is refused', withDir(async (dir) => {
  const file = join(dir, 'audit.db');
  const journal = JournaledAuditStorage.journalPath(file);
  new SqliteAuditStorage(file).close();
  const line = (i: number) => JSON.stringify({ i, e: `{"i":${i}}`, h: 'ab'.repeat(32) }) + '\n';
  appendFileSync(journal, line(0) + line(1) + line(2).slice(0, 20)); // the third write was cut short
  const s = JournaledAuditStorage.open(file);
  assert.deepEqual((await s.readLeaves(0, 10)).map((l) => l.index), [0, 1]);
  await s.close();

  appendFileSync(journal, line(5));
  assert.throws(() => JournaledAuditStorage.open(file), /leaf 5 follows leaf 1: leaves are missing/);
  assert.equal(readFileSync(journal, 'utf8'), line(5), 'a journal that cannot be copied is left as it was');
}));

test('a leaf deferred to the end of the turn is written before the log closes', withDir(async (dir) => {
  const file = join(dir, 'audit.db');
  const log = await AuditLog.open(JournaledAuditStorage.open(file), keys.signerKey);
  await log.append(entry(0));
  const deferred = log.append(entry(1), { commit: 'turn' });
  await log.close(); // in the same turn: the deferred flush has not run yet
  assert.equal((await deferred).index, 1);
  const again = await AuditLog.open(JournaledAuditStorage.open(file), keys.signerKey);
  assert.equal(await again.size(), 2);
  await again.close();
}));

test('a group leaf rides along with the next leaf committed (one journal write), or commits on its own within GROUP_COMMIT_MS', withDir(async (dir) => {
  const storage = JournaledAuditStorage.open(join(dir, 'audit.db'));
  const writes: number[] = []; // leaves per journal write
  beforeEachWrite(storage, (leaves) => writes.push(leaves.length));
  const log = await AuditLog.open(storage, keys.signerKey);

  let grouped = false;
  const request = log.append(entry(0), { commit: 'group' }).then((r) => ((grouped = true), r));
  await Promise.resolve();
  assert.deepEqual(writes, [], 'not written yet');
  assert.equal(grouped, false);
  const response = log.append(entry(1)); // committed at once, and the waiting leaf with it, first
  assert.deepEqual(writes, [2]);
  assert.deepEqual([(await request).index, (await response).index], [0, 1]);

  const started = Date.now();
  const alone = await log.append(entry(2), { commit: 'group' });
  assert.equal(alone.index, 2);
  assert.ok(Date.now() - started >= GROUP_COMMIT_MS - 1, 'it waited for company');
  assert.deepEqual(writes, [2, 1], 'the timer committed it');

  const early = log.append(entry(3), { commit: 'group' });
  log.commitQueued(); // a caller that wants the receipt at once
  assert.deepEqual(writes, [2, 1, 1]);
  assert.equal((await early).index, 3);
  await log.close();
  const again = await AuditLog.open(JournaledAuditStorage.open(join(dir, 'audit.db')), keys.signerKey);
  assert.equal(await again.size(), 4);
  await again.close();
}));

test('no receipt before its leaf is written: a failed write rejects the append and places nothing', withDir(async (dir) => {
  const storage = JournaledAuditStorage.open(join(dir, 'audit.db'));
  let broken = false;
  const written: number[] = [];
  beforeEachWrite(storage, (leaves) => {
    if (broken) throw new Error('disk full');
    written.push(leaves.length);
  });
  const log = await AuditLog.open(storage, keys.signerKey);
  let resolvedBeforeWrite = false;
  const first = log.append(entry(0), { commit: 'turn' });
  void first.then(() => (resolvedBeforeWrite = written.length === 0));
  await first;
  assert.equal(resolvedBeforeWrite, false, 'the receipt came after the write');
  broken = true;
  await assert.rejects(log.append(entry(1), { sign: true }), /disk full/);
  broken = false;
  const next = await log.append(entry(2));
  assert.equal(next.index, 1, 'the failed leaf took no index');
  await log.close();
}));

test('durability fsync: receipts wait for a flush that began after their write; concurrent appends share flushes', withDir(async (dir) => {
  const storage = JournaledAuditStorage.open(join(dir, 'audit.db'), { durability: 'fsync' });
  let flushes = 0;
  const flush = (storage as unknown as { flush(): Promise<void> }).flush.bind(storage);
  (storage as unknown as { flush(): Promise<void> }).flush = () => (flushes++, flush());
  const log = await AuditLog.open(storage, keys.signerKey);
  const one = await log.append(entry(0));
  assert.equal(flushes, 1, 'one call alone: one flush');
  const many = await Promise.all(Array.from({ length: 100 }, (_, i) => log.append(entry(i + 1))));
  assert.deepEqual(many.map((r) => r.index), Array.from({ length: 100 }, (_, i) => i + 1));
  assert.ok(flushes <= 3, `100 concurrent appends took ${flushes - 1} flushes (at most the one running and the next)`);
  assert.equal(one.index, 0);
  await log.close();
}));

test('signed receipts verify with the log key and only for their own index and hash', withDir(async (dir) => {
  const log = await AuditLog.open(JournaledAuditStorage.open(join(dir, 'audit.db')), keys.signerKey);
  const signed = await log.append(entry(0), { sign: true });
  const plain = await log.append(entry(1));
  assert.equal(plain.signature, undefined, 'receipts nobody is given are not signed');
  const verifier = parseVerifierKey(keys.verifierKey);
  assert.ok(receiptSignatureValid(signed, verifier));
  assert.equal(receiptSignatureValid({ ...signed, index: 1 }, verifier), false);
  assert.equal(receiptSignatureValid({ ...signed, leafHash: plain.leafHash }, verifier), false);
  assert.deepEqual(parseReceipt(formatReceiptHeader(signed)), signed);
  await log.close();
}));

test('the audit database and its journal are created readable by their owner only', withDir(async (dir) => {
  const old = process.umask(0o022);
  try {
    const s = JournaledAuditStorage.open(join(dir, 'audit.db'));
    await s.close();
  } finally {
    process.umask(old);
  }
  for (const f of ['audit.db', 'audit.db.leaves.log']) assert.equal(statSync(join(dir, f)).mode & 0o777, 0o600, f);
}));

test('the background copy goes in slices and empties the journal once every leaf is in SQLite', withDir(async (dir) => {
  const file = join(dir, 'audit.db');
  const storage = JournaledAuditStorage.open(file);
  const copies: number[] = []; // leaves per background transaction
  const db = (storage as unknown as { db: SqliteAuditStorage }).db;
  const copy = db.appendInTransaction.bind(db);
  db.appendInTransaction = (size, leaves) => (copies.push(leaves.length), copy(size, leaves));
  const log = await AuditLog.open(storage, keys.signerKey);
  await Promise.all(Array.from({ length: 200 }, (_, i) => log.append(entry(i), { commit: 'turn' }))); // one journal write
  assert.ok(statSync(JournaledAuditStorage.journalPath(file)).size > 0);
  await new Promise((r) => setTimeout(r, 200));
  assert.ok(copies.length >= 4 && Math.max(...copies) <= 64, `copies of ${copies.join(', ')} leaves`);
  assert.equal(copies.reduce((a, b) => a + b, 0), 200);
  assert.equal(statSync(JournaledAuditStorage.journalPath(file)).size, 0, 'emptied once all were copied');
  await log.close();
}));

test('a journal that still holds leaves already copied (a crash between two slices) replays without duplicating them', withDir(async (dir) => {
  const file = join(dir, 'audit.db');
  const plain = new SqliteAuditStorage(file);
  const leaf = (i: number) => ({ entry: `{"i":${i}}`, leafHash: String(i % 10).repeat(64) });
  plain.appendInTransaction(0, Array.from({ length: 10 }, (_, i) => leaf(i)));
  await plain.close();
  // The journal was not emptied: it has leaves 0-14, of which 0-9 reached SQLite.
  appendFileSync(JournaledAuditStorage.journalPath(file), Array.from({ length: 15 }, (_, i) => `${i}\t${leaf(i).leafHash}\t${leaf(i).entry}\n`).join(''));
  const s = JournaledAuditStorage.open(file);
  assert.deepEqual((await s.readLeaves(0, 100)).map((l) => l.entry), Array.from({ length: 15 }, (_, i) => `{"i":${i}}`));
  await s.close();
}));
