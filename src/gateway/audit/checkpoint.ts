/**
 * C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the signed tree head of the audit log.
 *
 *   <origin>\n<tree size>\n<base64 root hash>\n[extension lines]
 *
 * signed as a C2SP signed note by the gateway's log key (whose name is the origin).
 */
import { HASH_SIZE } from './merkle.js';
import { NoteError, openNote, parseNote, signNote, type SignerKey, type VerifierKey } from './signed-note.js';

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Buffer;
  /** Opaque extra lines (C2SP discourages them; kept so parsing round-trips). */
  extensions: string[];
}

export function formatCheckpoint(cp: Checkpoint): string {
  if (cp.origin === '' || cp.origin.includes('\n')) throw new NoteError('checkpoint origin must be one non-empty line');
  if (!Number.isSafeInteger(cp.size) || cp.size < 0) throw new NoteError(`checkpoint size ${cp.size} is not a non-negative integer`);
  if (cp.rootHash.length !== HASH_SIZE) throw new NoteError(`checkpoint root must be ${HASH_SIZE} bytes`);
  return [cp.origin, String(cp.size), cp.rootHash.toString('base64'), ...cp.extensions].join('\n') + '\n';
}

export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new NoteError('checkpoint text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new NoteError(`checkpoint needs origin, size and root lines, got ${lines.length} line(s)`);
  const [origin, sizeLine, rootLine, ...extensions] = lines;
  if (origin === '') throw new NoteError('checkpoint origin is empty');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine)) throw new NoteError(`checkpoint size ${JSON.stringify(sizeLine)} is not a decimal number without leading zeros`);
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) throw new NoteError(`checkpoint size ${sizeLine} is too large`);
  const rootHash = Buffer.from(rootLine, 'base64');
  if (rootHash.length !== HASH_SIZE || rootHash.toString('base64') !== rootLine) throw new NoteError('checkpoint root hash is not base64 of 32 bytes');
  if (extensions.some((e) => e === '')) throw new NoteError('checkpoint extension lines must not be empty');
  return { origin, size, rootHash, extensions };
}

/** The signed note for a tree head; the origin is the signer's key name. */
export function signCheckpoint(size: number, rootHash: Buffer, signer: SignerKey): string {
  return signNote(formatCheckpoint({ origin: signer.name, size, rootHash, extensions: [] }), signer);
}

/** Verifies the signature, then parses the body; throws NoteError with the reason otherwise. */
export function openCheckpoint(note: string, verifier: VerifierKey): Checkpoint {
  const cp = parseCheckpoint(openNote(note, verifier));
  if (cp.origin !== verifier.name) throw new NoteError(`checkpoint origin ${JSON.stringify(cp.origin)} is not the log ${JSON.stringify(verifier.name)}`);
  return cp;
}

/** Reads a checkpoint's body without checking its signature (for display and indexing only). */
export function peekCheckpoint(note: string): Checkpoint {
  return parseCheckpoint(parseNote(note).text);
}
