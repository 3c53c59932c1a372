/**
 * The first checks of `bundle verify`: the signature over the root, the signed list of leaves
 * against the root, then every record against its signed leaf. A record changed, added or
 * removed after signing is found here and named by file, line and what it is.
 */
import { NoteError, type VerifierKey } from '../gateway/audit/signed-note.js';
import { LEAF_FILES, LEAVES_FILE, NOTE_FILE, type LeafEntry, type LeafFile } from './format.js';
import type { BundleContents, Located } from './read.js';
import { openRoot, rootOf, type SignedRoot } from './tree.js';
import { describeRecord } from './write.js';

/** One finding, printed as `where: message`. */
export interface Problem {
  where: string;
  message: string;
}

export function checkSignature(b: BundleContents, key: VerifierKey): { signed: SignedRoot } | { problem: Problem } {
  try {
    return { signed: openRoot(b.note, key) };
  } catch (e) {
    if (!(e instanceof NoteError)) throw e;
    return { problem: { where: NOTE_FILE, message: e.message } };
  }
}

/** The leaf list must give the signed root: otherwise it was altered, and nothing in the bundle can be placed. */
export function checkLeafList(b: BundleContents, signed: SignedRoot): Problem | undefined {
  if (b.leaves.length !== signed.leaves) {
    return { where: LEAVES_FILE, message: `lists ${b.leaves.length} leaves, but ${signed.leaves} were signed` };
  }
  if (rootOf(b.leaves.map((l) => l.hash)) !== signed.root) {
    return { where: LEAVES_FILE, message: 'its leaf hashes do not give the signed root: the list was altered after signing' };
  }
  const unknown = b.leaves.find((l) => !(LEAF_FILES as readonly string[]).includes(l.file));
  if (unknown) return { where: LEAVES_FILE, message: `names a file ${JSON.stringify(unknown.file)} that is not part of a bundle` };
  return undefined;
}

/**
 * Every record against the leaf signed for its place, file by file. Records missing from several
 * files (a sample removed whole) are named once.
 */
export function checkRecords(b: BundleContents): Problem[] {
  const problems: Problem[] = [];
  const missing = new Map<string, LeafFile[]>();
  for (const file of LEAF_FILES) {
    const signed = b.leaves.filter((l) => l.file === file);
    const present = b.records.get(file) ?? [];
    align(file, signed, present, problems, (what) => missing.set(what, [...(missing.get(what) ?? []), file]));
  }
  for (const [what, files] of missing) {
    problems.push({ where: files.join(', '), message: `${what} was signed but is missing${files.length > 1 ? ' from each' : ''}` });
  }
  return problems;
}

function align(file: LeafFile, signed: LeafEntry[], present: Located[], problems: Problem[], onMissing: (what: string) => void): void {
  const signedHashes = new Set(signed.map((s) => s.hash));
  const presentHashes = new Set(present.map((p) => p.hash));
  const at = (p: Located) => (file.endsWith('.json') ? file : `${file}:${p.line}`);
  let i = 0;
  let j = 0;
  while (i < signed.length || j < present.length) {
    const s = signed[i];
    const p = present[j];
    if (s && p && s.hash === p.hash) {
      i++;
      j++;
    } else if (s && p && !presentHashes.has(s.hash) && !signedHashes.has(p.hash)) {
      problems.push({ where: `${at(p)} (${describeRecord(p.record)})`, message: 'differs from the record that was signed: it was changed after signing' });
      i++;
      j++;
    } else if (s && !presentHashes.has(s.hash)) {
      onMissing(s.what);
      i++;
    } else if (p && !signedHashes.has(p.hash)) {
      problems.push({ where: `${at(p)} (${describeRecord(p.record)})`, message: 'was not signed: it was added after signing' });
      j++;
    } else {
      problems.push({ where: file, message: 'its records are not in the order they were signed in' });
      return;
    }
  }
}
