/**
 * Checks the audit log without trusting the gateway. The grantee brings its own signed
 * checkpoints and receipts; proofs come either from the gateway (verifyAudit: nothing it sends is
 * believed unless it verifies against the grantee's signed roots) or from an exported log file
 * (verifyLogFile: every leaf hash and tree head is recomputed from the entries).
 *
 * Problem kinds:
 * - bad_signature: a checkpoint is malformed or not validly signed by the log key, or a receipt
 *   carries a signature that is not the log key's for its index and leaf hash;
 * - fork: two validly signed checkpoints that cannot both be heads of one append-only log (same
 *   size, different roots; or the later one is not an extension of the earlier one);
 * - inconsistent_checkpoints: a signed checkpoint does not match the log being verified (the log
 *   was changed after signing), or the gateway could not prove consistency between two;
 * - edited_leaf: an entry does not hash to its recorded leaf hash, or differs from a receipt;
 * - missing_leaf: an index gap, or the log is shorter than a signed checkpoint or a receipt;
 * - reordered_leaves: leaves out of index order, or a receipt's leaf found at another index;
 * - receipt_not_included: a receipt whose leaf is not in the log its checkpoints sign.
 */
import type { AuditEntry, AuditReceipt } from '../contracts.js';
import type { ProofSource } from './audit-log.js';
import { canonicalJson } from './canonical.js';
import { openCheckpoint, type Checkpoint } from './checkpoint.js';
import { hashLeaf, verifyConsistency, verifyInclusion } from './merkle.js';
import { MerkleTree } from './merkle-tree.js';
import { receiptSignatureValid } from './receipt.js';
import { parseVerifierKey, type VerifierKey } from './signed-note.js';

export type AuditProblemKind =
  | 'edited_leaf'
  | 'missing_leaf'
  | 'reordered_leaves'
  | 'fork'
  | 'bad_signature'
  | 'receipt_not_included'
  | 'inconsistent_checkpoints';

export interface AuditProblem {
  kind: AuditProblemKind;
  detail: string;
}

export interface AuditReport {
  ok: boolean;
  problems: AuditProblem[];
  /** Things that are not tampering but limit what was proven (e.g. a receipt newer than every checkpoint). */
  notes: string[];
  /** signedReceipts: receipts whose signature verified (a missing leaf then breaks the gateway's signed promise). */
  checked: { checkpoints: number; receipts: number; signedReceipts: number; leaves?: number };
  /** The largest validly signed checkpoint size, if any. */
  latestSize?: number;
}

/** One leaf of an exported log, as read back from the file. */
export interface ExportedLeaf {
  index: number;
  leafHash: string;
  entry: AuditEntry;
}

export interface ExportedLog {
  origin?: string;
  /** Leaf count the exporter claimed in the header. */
  size?: number;
  leaves: ExportedLeaf[];
  /** Checkpoints the gateway stored, as exported with the log. */
  checkpoints: string[];
}

interface OpenedCheckpoint {
  label: string;
  cp: Checkpoint;
}

const short = (h: Buffer | string): string => (typeof h === 'string' ? h : h.toString('hex')).slice(0, 16) + '…';

class Findings {
  readonly problems: AuditProblem[] = [];
  readonly notes: string[] = [];
  add(kind: AuditProblemKind, detail: string): void {
    this.problems.push({ kind, detail });
  }
}

function toVerifier(key: string | VerifierKey): VerifierKey {
  return typeof key === 'string' ? parseVerifierKey(key) : key;
}

/** Opens every checkpoint, reporting bad signatures and same-size forks. */
function openAll(notes: { label: string; note: string }[], verifier: VerifierKey, f: Findings): OpenedCheckpoint[] {
  const opened: OpenedCheckpoint[] = [];
  for (const { label, note } of notes) {
    try {
      opened.push({ label, cp: openCheckpoint(note, verifier) });
    } catch (e) {
      f.add('bad_signature', `${label}: ${(e as Error).message}`);
    }
  }
  const bySize = new Map<number, OpenedCheckpoint>();
  for (const o of opened) {
    const first = bySize.get(o.cp.size);
    if (!first) bySize.set(o.cp.size, o);
    else if (!first.cp.rootHash.equals(o.cp.rootHash)) {
      f.add('fork', `${first.label} and ${o.label} are both signed for size ${o.cp.size} but have different roots (${short(first.cp.rootHash)} vs ${short(o.cp.rootHash)})`);
    }
  }
  return opened;
}

/** One checkpoint per size, smallest first. */
function distinctBySize(opened: OpenedCheckpoint[]): OpenedCheckpoint[] {
  const seen = new Map<number, OpenedCheckpoint>();
  for (const o of opened) if (!seen.has(o.cp.size)) seen.set(o.cp.size, o);
  return [...seen.values()].sort((a, b) => a.cp.size - b.cp.size);
}

/**
 * Checks each receipt's signature: a forged or altered one is a problem; a valid one is the
 * gateway's signed promise, so a problem with its leaf says the gateway broke it. Unsigned
 * receipts (older gateways) are checked as before, with a note.
 */
function checkReceiptSignatures(receipts: AuditReceipt[], verifier: VerifierKey, f: Findings): { signed: Set<AuditReceipt> } {
  const signed = new Set<AuditReceipt>();
  let unsigned = 0;
  for (const r of receipts) {
    if (!r.signature) unsigned++;
    else if (receiptSignatureValid(r, verifier)) signed.add(r);
    else f.add('bad_signature', `receipt ${r.index} (leaf ${short(r.leafHash)}) carries a signature that is not the log key's for it`);
  }
  if (unsigned > 0) f.notes.push(`${unsigned} receipt(s) carry no signature: they show what you were told, not what the gateway signed`);
  return { signed };
}

const promised = (signed: Set<AuditReceipt>, r: AuditReceipt): string => (signed.has(r) ? ' (the gateway signed this receipt: a broken promise)' : '');

function report(f: Findings, checked: AuditReport['checked'], opened: OpenedCheckpoint[]): AuditReport {
  const latest = opened.reduce<number | undefined>((m, o) => (m === undefined || o.cp.size > m ? o.cp.size : m), undefined);
  return { ok: f.problems.length === 0, problems: f.problems, notes: f.notes, checked, latestSize: latest };
}

export interface VerifyAuditOptions {
  /** The grantee's own signed checkpoints (any order; oldest first is conventional). */
  checkpoints: string[];
  receipts: AuditReceipt[];
  /** The log's verifier key, `<name>+<hex id>+<base64 key>`. */
  verifierKey: string | VerifierKey;
  /** The gateway (or an AuditLog) answering proof requests. */
  proofs: ProofSource;
}

/** Online check: consistency between the grantee's checkpoints and inclusion of its receipts. */
export async function verifyAudit(opts: VerifyAuditOptions): Promise<AuditReport> {
  const verifier = toVerifier(opts.verifierKey);
  const f = new Findings();
  const opened = openAll(opts.checkpoints.map((note, i) => ({ label: `checkpoint ${i + 1}`, note })), verifier, f);
  const chain = distinctBySize(opened);
  const unhex = (hs: string[]): Buffer[] => hs.map((h) => Buffer.from(h, 'hex'));
  const { signed } = checkReceiptSignatures(opts.receipts, verifier, f);

  for (let i = 1; i < chain.length; i++) {
    const [older, newer] = [chain[i - 1], chain[i]];
    let proof: string[];
    try {
      proof = await opts.proofs.consistencyProof(older.cp.size, newer.cp.size);
    } catch (e) {
      f.add('inconsistent_checkpoints', `the gateway gave no consistency proof from size ${older.cp.size} to ${newer.cp.size}: ${(e as Error).message}`);
      continue;
    }
    try {
      verifyConsistency(older.cp.size, newer.cp.size, older.cp.rootHash, newer.cp.rootHash, unhex(proof));
    } catch (e) {
      f.add('fork', `${newer.label} (size ${newer.cp.size}) is not an extension of ${older.label} (size ${older.cp.size}): ${(e as Error).message}`);
    }
  }

  for (const r of opts.receipts) {
    const cover = chain.find((o) => o.cp.size > r.index);
    if (!cover) {
      f.notes.push(`receipt ${r.index} is newer than every checkpoint you hold; fetch a newer checkpoint to check it`);
      continue;
    }
    try {
      const proof = await opts.proofs.inclusionProof(r.index, cover.cp.size);
      verifyInclusion(r.index, cover.cp.size, Buffer.from(r.leafHash, 'hex'), unhex(proof), cover.cp.rootHash);
    } catch (e) {
      f.add('receipt_not_included', `receipt ${r.index} (leaf ${short(r.leafHash)}) is not proven in ${cover.label} (size ${cover.cp.size}): ${(e as Error).message}${promised(signed, r)}`);
    }
  }
  f.notes.push('proofs from the gateway check leaf hashes, not the entries behind them: for that, `crosscheck audit export` and verify with --log');
  return report(f, { checkpoints: opts.checkpoints.length, receipts: opts.receipts.length, signedReceipts: signed.size }, opened);
}

export interface VerifyLogFileOptions {
  /** The grantee's own signed checkpoints; the log file's own checkpoints are checked too. */
  checkpoints: string[];
  receipts: AuditReceipt[];
  verifierKey: string | VerifierKey;
}

/** Offline check of an exported log against signed checkpoints and receipts. */
export function verifyLogFile(log: ExportedLog, opts: VerifyLogFileOptions): AuditReport {
  const verifier = toVerifier(opts.verifierKey);
  const f = new Findings();
  const n = log.leaves.length;

  // 1. Each leaf against its own recorded hash and position.
  const tree = new MerkleTree();
  const hashes: string[] = [];
  const seen = new Set<number>();
  let outOfOrder = 0;
  for (const [pos, leaf] of log.leaves.entries()) {
    const recomputed = hashLeaf(Buffer.from(canonicalJson(leaf.entry), 'utf8'));
    tree.append(recomputed);
    hashes.push(recomputed.toString('hex'));
    if (recomputed.toString('hex') !== leaf.leafHash) {
      f.add('edited_leaf', `leaf ${leaf.index}: its entry hashes to ${short(recomputed)} but the log records ${short(leaf.leafHash)}`);
    }
    if (seen.has(leaf.index)) f.add('edited_leaf', `index ${leaf.index} appears more than once`);
    seen.add(leaf.index);
    if (pos > 0 && leaf.index < log.leaves[pos - 1].index && outOfOrder++ < 5) {
      f.add('reordered_leaves', `leaf ${leaf.index} comes after leaf ${log.leaves[pos - 1].index} in the log`);
    }
  }
  const maxIndex = log.leaves.reduce((m, l) => Math.max(m, l.index), -1);
  const gaps: string[] = [];
  for (let i = 0, run = -1; i <= maxIndex + 1; i++) {
    if (i <= maxIndex && !seen.has(i)) {
      if (run < 0) run = i;
    } else if (run >= 0) {
      gaps.push(run === i - 1 ? `${run}` : `${run}..${i - 1}`);
      run = -1;
    }
  }
  if (gaps.length) f.add('missing_leaf', `no leaf with index ${gaps.slice(0, 10).join(', ')}${gaps.length > 10 ? ', …' : ''}`);
  if (log.size !== undefined && log.size !== n) f.add('missing_leaf', `the log header says ${log.size} leaves but the file holds ${n}`);

  // 2. Signed tree heads against the recomputed tree.
  const opened = openAll(
    [...opts.checkpoints.map((note, i) => ({ label: `your checkpoint ${i + 1}`, note })), ...log.checkpoints.map((note, i) => ({ label: `log checkpoint ${i + 1}`, note }))],
    verifier,
    f,
  );
  const chain = distinctBySize(opened);
  const matches = (o: OpenedCheckpoint): boolean => o.cp.size <= n && tree.root(o.cp.size).equals(o.cp.rootHash);
  for (const o of chain) {
    if (o.cp.size > n) {
      f.add('missing_leaf', `${o.label} is signed for ${o.cp.size} leaves but the log holds only ${n}`);
    } else if (!matches(o)) {
      const later = chain.find((x) => x.cp.size > o.cp.size && matches(x));
      if (later) {
        f.add('fork', `${later.label} (size ${later.cp.size}) matches this log, but the log's first ${o.cp.size} leaves do not match ${o.label}: the gateway signed two incompatible histories`);
      } else {
        f.add('inconsistent_checkpoints', `${o.label} signs root ${short(o.cp.rootHash)} for size ${o.cp.size}, but this log gives ${short(tree.root(o.cp.size))}: leaves before ${o.cp.size} were changed, removed or reordered after signing`);
      }
    }
  }
  const covered = (index: number): OpenedCheckpoint | undefined => chain.find((o) => o.cp.size > index && matches(o));

  // 3. Receipts: is each receipted leaf where the receipt says, under a signed head?
  const { signed } = checkReceiptSignatures(opts.receipts, verifier, f);
  const positions = new Map<string, number>();
  hashes.forEach((h, pos) => positions.has(h) || positions.set(h, pos));
  for (const r of opts.receipts) {
    const at = r.index < n ? hashes[r.index] : undefined;
    if (at === r.leafHash) {
      if (!covered(r.index)) f.notes.push(`receipt ${r.index} is in the log but no signed checkpoint that matches the log covers it yet`);
      continue;
    }
    const elsewhere = positions.get(r.leafHash);
    if (elsewhere !== undefined) {
      f.add('reordered_leaves', `receipt ${r.index}: its leaf is at index ${elsewhere} instead${promised(signed, r)}`);
    } else if (r.index >= n) {
      const cp = chain.find((o) => o.cp.size > r.index);
      if (cp) f.add('missing_leaf', `receipt ${r.index}: the log holds only ${n} leaves, though ${cp.label} covers ${cp.cp.size}${promised(signed, r)}`);
      else f.add('receipt_not_included', `receipt ${r.index} (leaf ${short(r.leafHash)}) is beyond the end of the log and of every checkpoint${promised(signed, r)}`);
    } else if (covered(r.index)) {
      f.add('receipt_not_included', `receipt ${r.index} (leaf ${short(r.leafHash)}) is absent: the signed log holds a different leaf at that index${promised(signed, r)}`);
    } else {
      f.add('edited_leaf', `leaf ${r.index} differs from your receipt (log ${short(at!)}, receipt ${short(r.leafHash)})${promised(signed, r)}`);
    }
  }
  return report(f, { checkpoints: opts.checkpoints.length + log.checkpoints.length, receipts: opts.receipts.length, signedReceipts: signed.size, leaves: n }, opened);
}
