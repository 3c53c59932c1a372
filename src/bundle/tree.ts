/**
 * The bundle's Merkle tree and its signature, on the gateway's own code: records hashed as the
 * audit log hashes its entries (RFC 6962 leaf hash of canonical JSON, audit/canonical.ts), the
 * tree of audit/merkle-tree.ts, and a C2SP signed note (audit/signed-note.ts) over
 *
 *   crosscheck-bundle/v1
 *   run <run id>
 *   leaves <N>
 *   root <base64 root hash>
 */
import { randomBytes } from 'node:crypto';
import { canonicalJson } from '../gateway/audit/canonical.js';
import { hashLeafText } from '../gateway/audit/merkle.js';
import { MerkleTree } from '../gateway/audit/merkle-tree.js';
import { NoteError, openNote, signNote, type SignerKey, type VerifierKey } from '../gateway/audit/signed-note.js';
import { NOTE_CONTEXT, type BundleRecord } from './format.js';

/** The leaf hash (hex) a record stands for: a withheld record stands for the leaf it replaced. */
export function leafHashOf(record: BundleRecord | Record<string, unknown>): string {
  const r = record as { type?: unknown; leafHash?: unknown };
  if (r.type === 'withheld' && typeof r.leafHash === 'string') return r.leafHash;
  return hashLeafText(canonicalJson(record));
}

/** RFC 6962 root (hex) over leaf hashes in order. */
export function rootOf(hashes: readonly string[]): string {
  const tree = new MerkleTree();
  for (const h of hashes) tree.append(h);
  return tree.root().toString('hex');
}

/** 16 random bytes, base64: makes a record's hash unguessable, so withholding it hides it. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export interface SignedRoot {
  runId: string;
  leaves: number;
  /** hex */
  root: string;
}

export function signRoot(s: SignedRoot, signer: SignerKey): string {
  if (/[\s]/.test(s.runId) || s.runId === '') throw new NoteError(`run id ${JSON.stringify(s.runId)} cannot go in a signed note`);
  const text = `${NOTE_CONTEXT}\nrun ${s.runId}\nleaves ${s.leaves}\nroot ${Buffer.from(s.root, 'hex').toString('base64')}\n`;
  return signNote(text, signer);
}

/**
 * Opens the note with `verifier` and reads it. Throws NoteError with the reason: not signed by
 * that key, altered, not a bundle note, or (BundleVersionError) a newer format.
 */
export function openRoot(note: string, verifier: VerifierKey): SignedRoot {
  const text = openNote(note, verifier);
  const lines = text.slice(0, -1).split('\n');
  const context = /^crosscheck-bundle\/v(\d+)$/.exec(lines[0] ?? '');
  if (!context) throw new NoteError(`the signed note is not a bundle's (its first line is ${JSON.stringify(lines[0] ?? '')})`);
  if (`crosscheck-bundle/v${context[1]}` !== NOTE_CONTEXT) throw new NoteError(`the signed note is for bundle format v${context[1]}; this Crosscheck reads ${NOTE_CONTEXT}`);
  const run = /^run (\S+)$/.exec(lines[1] ?? '');
  const leaves = /^leaves (0|[1-9][0-9]*)$/.exec(lines[2] ?? '');
  const root = /^root ([A-Za-z0-9+/]{43}=)$/.exec(lines[3] ?? '');
  if (!run || !leaves || !root || lines.length !== 4) throw new NoteError('the signed note must hold the lines run, leaves and root');
  return { runId: run[1], leaves: Number(leaves[1]), root: Buffer.from(root[1], 'base64').toString('hex') };
}
