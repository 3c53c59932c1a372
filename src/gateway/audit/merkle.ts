/**
 * RFC 6962 §2.1 Merkle hashing and proof verification (the verification algorithms are the ones
 * written out in RFC 9162 §2.1.3.2 and §2.1.4.2). Pure functions: a grantee can verify with
 * nothing but these and its own signed checkpoints.
 *
 * Indices and sizes are plain numbers; all arithmetic avoids 32-bit bit operators so it stays
 * exact up to 2^53 leaves.
 */
import { sha256, sha256Hex, sha256Of } from '../../core/sha256.js';

export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);
const EMPTY = Buffer.alloc(0);

/** Why a proof did not verify; the message says exactly what failed. */
export class ProofError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProofError';
  }
}

/** SHA-256 of the empty string: the Merkle Tree Hash of an empty tree. */
export function emptyRoot(): Buffer {
  return sha256(EMPTY);
}

/** SHA-256(0x00 || data). */
export function hashLeaf(data: Uint8Array): Buffer {
  return sha256Of([LEAF_PREFIX, data]);
}

/**
 * hex SHA-256(0x00 || UTF-8 of `text`): hashLeaf of a string, e.g. an entry's canonical JSON, in
 * one native call with no Buffers (U+0000 encodes as the single byte 0x00).
 */
export function hashLeafText(text: string): string {
  return sha256Hex('\u0000' + text);
}

/** SHA-256(0x01 || left || right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  return sha256Of([NODE_PREFIX, left, right]);
}

/** The largest power of two strictly smaller than n (n ≥ 2): where RFC 6962 splits a tree. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isOdd = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);

function checkSize(name: string, x: number): void {
  if (!Number.isSafeInteger(x) || x < 0) throw new ProofError(`${name} must be a non-negative integer, got ${x}`);
}

function checkHash(name: string, h: Uint8Array): void {
  if (h.length !== HASH_SIZE) throw new ProofError(`${name} must be ${HASH_SIZE} bytes, got ${h.length}`);
}

/** The root an inclusion proof leads to (RFC 9162 §2.1.3.2), or a ProofError. */
export function rootFromInclusionProof(index: number, size: number, leafHash: Uint8Array, proof: readonly Uint8Array[]): Buffer {
  checkSize('index', index);
  checkSize('size', size);
  if (index >= size) throw new ProofError(`index ${index} is not below tree size ${size}`);
  checkHash('leaf hash', leafHash);
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leafHash);
  for (const [i, p] of proof.entries()) {
    checkHash(`proof[${i}]`, p);
    if (sn === 0) throw new ProofError(`inclusion proof is too long: ${proof.length} hashes for leaf ${index} of ${size}`);
    if (isOdd(fn) || fn === sn) {
      r = hashChildren(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) throw new ProofError(`inclusion proof is too short: ${proof.length} hashes for leaf ${index} of ${size}`);
  return r;
}

/** Throws ProofError unless `proof` shows the leaf at `index` is in the tree of `size` with `root`. */
export function verifyInclusion(index: number, size: number, leafHash: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): void {
  checkHash('root', root);
  const got = rootFromInclusionProof(index, size, leafHash, proof);
  if (!got.equals(root)) {
    throw new ProofError(`inclusion proof for leaf ${index} of ${size} leads to root ${got.toString('hex')}, expected ${Buffer.from(root).toString('hex')}`);
  }
}

/**
 * Throws ProofError unless `proof` shows the tree of size `size2` with `root2` extends the tree of
 * size `size1` with `root1` (RFC 9162 §2.1.4.2). Equal sizes need an empty proof and equal roots;
 * every tree extends the empty tree.
 */
export function verifyConsistency(size1: number, size2: number, root1: Uint8Array, root2: Uint8Array, proof: readonly Uint8Array[]): void {
  checkSize('size1', size1);
  checkSize('size2', size2);
  if (size2 < size1) throw new ProofError(`size2 ${size2} is smaller than size1 ${size1}`);
  if (size1 === size2) {
    if (proof.length > 0) throw new ProofError('consistency proof between equal sizes must be empty');
    if (!Buffer.from(root1).equals(root2)) throw new ProofError(`two different roots for the same size ${size1}`);
    return;
  }
  if (size1 === 0) {
    if (proof.length > 0) throw new ProofError('consistency proof from the empty tree must be empty');
    return;
  }
  checkHash('root1', root1);
  checkHash('root2', root2);
  if (proof.length === 0) throw new ProofError(`empty consistency proof from ${size1} to ${size2}`);
  proof.forEach((p, i) => checkHash(`proof[${i}]`, p));

  // A power-of-two first tree is itself a node of the second, so its root starts the path.
  const path: Uint8Array[] = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(path[0]);
  let sr: Buffer = Buffer.from(path[0]);
  for (const c of path.slice(1)) {
    if (sn === 0) throw new ProofError(`consistency proof from ${size1} to ${size2} is too long`);
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) throw new ProofError(`consistency proof from ${size1} to ${size2} is too short`);
  if (!fr.equals(root1)) throw new ProofError(`consistency proof does not lead to the size-${size1} root`);
  if (!sr.equals(root2)) throw new ProofError(`consistency proof does not lead to the size-${size2} root`);
}

function isPowerOfTwo(n: number): boolean {
  while (n > 1 && !isOdd(n)) n = half(n);
  return n === 1;
}
