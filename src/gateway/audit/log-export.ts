/**
 * The exported audit log: JSON Lines, readable by `crosscheck audit verify --log`.
 *
 *   {"type":"header","format":"crosscheck-audit-log","version":1,"origin":"…","verifierKey":"…","size":N}
 *   {"type":"leaf","index":0,"leafHash":"<hex>","entry":{…AuditEntry…}}      (N lines, index order)
 *   {"type":"checkpoint","note":"<signed note>"}                              (stored checkpoints, oldest first)
 *
 * The verifier recomputes every leaf hash from `entry`; the header's verifierKey is for display
 * only: verification always uses the key the grantee supplies.
 */
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import { UsageError } from '../../core/errors.js';
import type { AuditEntry, AuditReceipt } from '../contracts.js';
import type { AuditLog } from './audit-log.js';
import { parseReceipt } from './receipt.js';
import type { ExportedLeaf, ExportedLog } from './verify.js';

export const LOG_FORMAT = 'crosscheck-audit-log';
const PAGE = 1000;

export interface ExportOptions {
  /** Sign a fresh checkpoint first so the whole export is covered by one (default true). */
  signCheckpoint?: boolean;
}

/**
 * The log as export lines (each ending in a newline): header, every leaf in index order, then the
 * stored checkpoints. Read in pages, so a large log is never in memory at once.
 */
export async function* exportLines(log: AuditLog, opts: ExportOptions = {}): AsyncGenerator<string> {
  if (opts.signCheckpoint !== false) await log.checkpoint();
  const size = await log.size();
  const checkpoints = await log.checkpoints();
  yield JSON.stringify({ type: 'header', format: LOG_FORMAT, version: 1, origin: log.origin, verifierKey: log.verifierKey, size }) + '\n';
  for (let from = 0; from < size; from += PAGE) {
    const leaves = await log.readLeaves(from, Math.min(PAGE, size - from));
    for (const l of leaves) yield JSON.stringify({ type: 'leaf', index: l.index, leafHash: l.leafHash, entry: JSON.parse(l.entry) }) + '\n';
    if (leaves.length === 0) break;
  }
  for (const note of checkpoints) yield JSON.stringify({ type: 'checkpoint', note }) + '\n';
}

/** Writes the log to `file` (readable by its owner only); returns how many leaves and checkpoints were written. */
export async function exportLog(log: AuditLog, file: string, opts: ExportOptions = {}): Promise<{ size: number; checkpoints: number }> {
  return writeLines(file, exportLines(log, opts));
}

/** Writes export lines to `file`, counting leaves and checkpoints as they pass. */
export async function writeLines(file: string, lines: AsyncIterable<string>): Promise<{ size: number; checkpoints: number }> {
  const out = createWriteStream(file, { encoding: 'utf8', mode: 0o600 });
  const counts = { size: 0, checkpoints: 0 };
  try {
    for await (const line of lines) {
      if (line.startsWith('{"type":"leaf"')) counts.size++;
      else if (line.startsWith('{"type":"checkpoint"')) counts.checkpoints++;
      if (!out.write(line)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return counts;
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function jsonLines(text: string, file: string): { line: number; value: unknown }[] {
  const out: { line: number; value: unknown }[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      out.push({ line: i + 1, value: JSON.parse(raw) });
    } catch {
      throw new UsageError(`${file}:${i + 1}: not valid JSON`);
    }
  });
  return out;
}

/** Reads an exported log; malformed lines are a UsageError naming the line. */
export async function readLogFile(file: string): Promise<ExportedLog> {
  const lines = jsonLines(await readText(file, 'log file'), file);
  const log: ExportedLog = { leaves: [], checkpoints: [] };
  for (const { line, value } of lines) {
    const v = value as Record<string, unknown>;
    const where = `${file}:${line}`;
    if (v?.type === 'header') {
      if (v.format !== LOG_FORMAT) throw new UsageError(`${where}: not a ${LOG_FORMAT} file`);
      if (typeof v.origin === 'string') log.origin = v.origin;
      if (typeof v.size === 'number') log.size = v.size;
    } else if (v?.type === 'leaf') {
      if (!Number.isSafeInteger(v.index) || typeof v.leafHash !== 'string' || !v.entry || typeof v.entry !== 'object') {
        throw new UsageError(`${where}: a leaf needs index, leafHash and entry`);
      }
      log.leaves.push({ index: v.index as number, leafHash: v.leafHash, entry: v.entry as AuditEntry } satisfies ExportedLeaf);
    } else if (v?.type === 'checkpoint') {
      if (typeof v.note !== 'string') throw new UsageError(`${where}: a checkpoint needs a note`);
      log.checkpoints.push(v.note);
    } else {
      throw new UsageError(`${where}: unknown line type ${JSON.stringify(v?.type)}`);
    }
  }
  return log;
}

/** A file holding one signed checkpoint note, exactly as the gateway sent it. */
export async function readCheckpointFile(file: string): Promise<string> {
  const text = await readText(file, 'checkpoint file');
  if (!text.includes('\n\n')) throw new UsageError(`${file} does not hold a signed checkpoint note`);
  // Editors often add or drop a final newline; the signature covers only the text, which ends in one.
  return text.trimEnd() + '\n';
}

/**
 * Receipts the grantee kept: one per line, either JSON {"index":…,"leafHash":…} or the raw
 * header value "<index>:<hex leaf hash>".
 */
export async function readReceiptsFile(file: string): Promise<AuditReceipt[]> {
  const text = await readText(file, 'receipts file');
  const out: AuditReceipt[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    try {
      out.push(parseReceipt(line.startsWith('{') ? JSON.parse(line) : line));
    } catch (e) {
      throw new UsageError(`${file}:${i + 1}: ${(e as Error).message}`);
    }
  });
  return out;
}
