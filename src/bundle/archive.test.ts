import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Header, Pack, ReadEntry } from 'tar';
import { BundleError, readArchive, writeArchive } from './archive.js';

const dir = mkdtempSync(join(tmpdir(), 'cc-archive-'));

/** A .tar.gz with entries as given (any type, any name): what a hostile bundle may hold. */
async function rawTar(file: string, entries: { path: string; type: 'File' | 'SymbolicLink' | 'Directory'; body?: string; linkpath?: string }[]): Promise<void> {
  const pack = new Pack({ gzip: true });
  const chunks: Buffer[] = [];
  pack.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((r) => pack.on('end', () => r()));
  for (const e of entries) {
    const body = Buffer.from(e.body ?? '');
    const entry = new ReadEntry(new Header({ path: e.path, type: e.type, size: e.type === 'File' ? body.length : 0, mode: 0o644, linkpath: e.linkpath }));
    pack.add(entry);
    if (e.type === 'File') entry.end(body);
    else entry.end();
  }
  pack.end();
  await ended;
  writeFileSync(file, Buffer.concat(chunks));
}

test('files round-trip by name, byte for byte', async () => {
  const file = join(dir, 'ok.tar.gz');
  const files = new Map([['a.json', Buffer.from('{"x":1}\n')], ['b.jsonl', Buffer.from('é\n'.repeat(70_000))]]);
  await writeArchive(file, files);
  assert.deepEqual(await readArchive(file), files);
});

test('a hostile or broken archive is a one-line BundleError, never a file written or a crash', async () => {
  const cases: [string, () => Promise<void>, RegExp][] = [
    ['traversal', () => rawTar(join(dir, 'traversal'), [{ path: '../evil.json', type: 'File', body: '{}' }]), /holds File "\.\.\/evil\.json", not a bundle file/],
    ['link', () => rawTar(join(dir, 'link'), [{ path: 'run.json', type: 'SymbolicLink', linkpath: '/etc/passwd' }]), /holds SymbolicLink "run\.json"/],
    ['twice', () => rawTar(join(dir, 'twice'), [{ path: 'a.json', type: 'File', body: '1' }, { path: 'a.json', type: 'File', body: '2' }]), /holds a\.json twice/],
    ['empty', () => rawTar(join(dir, 'empty'), []), /is not a readable bundle|holds no files/],
    ['text', async () => writeFileSync(join(dir, 'text'), 'not a tar at all'), /is not a readable bundle/],
  ];
  for (const [name, make, pattern] of cases) {
    await make();
    await assert.rejects(readArchive(join(dir, name)), (e: Error) => e instanceof BundleError && pattern.test(e.message) && !e.message.includes('\n'), name);
  }
  await assert.rejects(readArchive(join(dir, 'missing')), /cannot read .*missing: ENOENT/);
});
