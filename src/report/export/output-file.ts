/**
 * A file written in pieces and put in place only when complete: until `commit`, the text goes to
 * NAME.partial beside it, so an interrupted export never leaves a truncated log that looks whole.
 */
import { closeSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';

export class OutputFile {
  private fd: number;
  private readonly partial: string;

  constructor(readonly path: string) {
    this.partial = `${path}.partial`;
    this.fd = openSync(this.partial, 'w');
  }

  write(text: string): void {
    writeSync(this.fd, text);
  }

  /** Appends another file's bytes, a chunk at a time. */
  append(path: string): void {
    const from = openSync(path, 'r');
    const buf = Buffer.alloc(1 << 20);
    try {
      for (let n; (n = readSync(from, buf, 0, buf.length, null)) > 0;) writeSync(this.fd, buf, 0, n);
    } finally {
      closeSync(from);
    }
  }

  commit(): string {
    closeSync(this.fd);
    renameSync(this.partial, this.path);
    return this.path;
  }

  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    rmSync(this.partial, { force: true });
  }
}

/** Runs `write` on a new OutputFile, committing it on success and removing it on failure. */
export function writeFile(path: string, write: (out: OutputFile) => void): string {
  const out = new OutputFile(path);
  try {
    write(out);
  } catch (err) {
    out.abort();
    throw err;
  }
  return out.commit();
}
