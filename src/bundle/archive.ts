/**
 * The bundle's container: a gzipped POSIX tar (node-tar) of named files, written and read in
 * memory. Reading accepts plain files with plain names only, each at most MAX_FILE_BYTES; anything
 * else is a one-line BundleError (a hostile archive is bad input, not a crash).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { Header, Pack, Parser, ReadEntry } from 'tar';
import { UsageError } from '../core/errors.js';

/** A bundle that cannot be read or does not verify: one line, exit 2. */
export class BundleError extends UsageError {}

const MAX_FILE_BYTES = 2 ** 30;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Writes `files` (name → bytes) as a .tar.gz, readable by its owner and group only until shared on purpose. */
export async function writeArchive(path: string, files: ReadonlyMap<string, Buffer>): Promise<number> {
  const pack = new Pack({ gzip: true, portable: true });
  const chunks: Buffer[] = [];
  pack.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    pack.on('end', () => resolve());
    pack.on('error', reject);
  });
  for (const [name, body] of files) {
    const header = new Header({ path: name, mode: 0o644, size: body.length, mtime: new Date(0), type: 'File', uid: 0, gid: 0 });
    const entry = new ReadEntry(header);
    pack.add(entry);
    entry.end(body);
  }
  pack.end();
  await ended;
  const bytes = Buffer.concat(chunks);
  try {
    await writeFile(path, bytes, { mode: 0o640 });
  } catch (e) {
    throw new UsageError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return bytes.length;
}

/** The files of a .tar.gz bundle, by name. */
export async function readArchive(path: string): Promise<Map<string, Buffer>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const files = new Map<string, Buffer>();
  let problem: string | undefined;
  const parser = new Parser({
    strict: true,
    onReadEntry: (entry) => {
      const name = entry.path;
      if (entry.type !== 'File' || !NAME.test(name)) problem ??= `holds ${entry.type} ${JSON.stringify(name)}, not a bundle file`;
      else if (files.has(name)) problem ??= `holds ${name} twice`;
      else if (entry.size > MAX_FILE_BYTES) problem ??= `${name} is larger than ${MAX_FILE_BYTES} bytes`;
      if (problem) {
        entry.resume();
        return;
      }
      const parts: Buffer[] = [];
      entry.on('data', (c: Buffer) => parts.push(c));
      entry.on('end', () => files.set(name, Buffer.concat(parts)));
    },
  });
  await new Promise<void>((resolve) => {
    parser.on('error', (e: Error) => {
      problem ??= e.message;
      resolve();
    });
    parser.on('end', () => resolve());
    parser.end(bytes);
  });
  if (problem) throw new BundleError(`${path} is not a readable bundle (a gzipped tar of bundle files): ${problem}`);
  if (files.size === 0) throw new BundleError(`${path} is not a bundle: it holds no files`);
  return files;
}
