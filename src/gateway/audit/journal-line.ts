/**
 * One leaf as a line of the audit journal: `index TAB leafHash TAB entry`, then, for a leaf with
 * its body, `TAB requestId TAB part TAB salt TAB body` (requestId and part as JSON strings, salt
 * and body base64). The entry is canonical JSON, written as it is: it never holds a tab or a
 * newline (JSON escapes them inside strings and has no whitespace between tokens), and putting it
 * inside a JSON record escaped every quote of it, which cost a few µs per leaf on the request path.
 * A JSON object line (the first format, and the fallback for an entry that is not canonical) reads too.
 */
import type { LeafToAppend } from './audit-storage.js';

export interface JournalRecord {
  index: number;
  leaf: LeafToAppend;
}

/** `tail`: the leaf's journalTail if already made (undefined: made here). */
export function journalLine(index: number, l: LeafToAppend, tail: string | null = journalTail(l)): string {
  return tail === null ? jsonLine(index, l) : `${index}\t${tail}`;
}

/** A leaf's line after its `index TAB`, or null for an entry that must take the JSON form. */
export function journalTail(l: LeafToAppend): string | null {
  if (l.entry.includes('\t') || l.entry.includes('\n')) return null;
  const head = `${l.leafHash}\t${l.entry}`;
  if (!l.body) return head;
  return `${head}\t${JSON.stringify(l.body.requestId)}\t${JSON.stringify(l.body.part)}\t${l.body.salt.toString('base64')}\t${l.body.body.toString('base64')}`;
}

/** The record of one line (without its newline); throws on anything else. */
export function parseJournalLine(line: string): JournalRecord {
  if (line.startsWith('{')) return fromJson(JSON.parse(line) as JsonRecord);
  const f = line.split('\t');
  if ((f.length !== 3 && f.length !== 7) || !/^\d+$/.test(f[0]) || !/^[0-9a-f]{64}$/.test(f[1])) throw new Error('not a journal line');
  const leaf: LeafToAppend = { entry: f[2], leafHash: f[1] };
  if (f.length === 7) {
    leaf.body = { requestId: JSON.parse(f[3]) as string, part: JSON.parse(f[4]) as string, salt: Buffer.from(f[5], 'base64'), body: Buffer.from(f[6], 'base64') };
  }
  return { index: Number(f[0]), leaf };
}

/** The JSON object form: `{ i, e, h }` and, with a body, `r`, `p`, `s`, `b` (salt and body base64). */
interface JsonRecord {
  i: number;
  e: string;
  h: string;
  r?: string;
  p?: string;
  s?: string;
  b?: string;
}

function jsonLine(i: number, l: LeafToAppend): string {
  const r: JsonRecord = { i, e: l.entry, h: l.leafHash };
  if (l.body) Object.assign(r, { r: l.body.requestId, p: l.body.part, s: l.body.salt.toString('base64'), b: l.body.body.toString('base64') });
  return JSON.stringify(r);
}

function fromJson(r: JsonRecord): JournalRecord {
  if (typeof r.i !== 'number' || typeof r.e !== 'string' || typeof r.h !== 'string') throw new Error('not a journal record');
  const leaf: LeafToAppend = { entry: r.e, leafHash: r.h };
  if (r.r !== undefined && r.p !== undefined && r.s !== undefined && r.b !== undefined) {
    leaf.body = { requestId: r.r, part: r.p, salt: Buffer.from(r.s, 'base64'), body: Buffer.from(r.b, 'base64') };
  }
  return { index: r.i, leaf };
}
