/**
 * An append-only RFC 6962 Merkle tree kept in memory, built so that appends and proofs stay cheap
 * as the log grows: it stores every *complete, aligned* subtree hash (level h, position i covers
 * leaves [i·2^h, (i+1)·2^h)), which costs about 2·n·32 bytes. An append only stores the leaf;
 * the parents it completes are hashed when a head or proof is next asked for (O(1) amortised per
 * leaf), so the gateway's request path does no node hashing. Any tree head or proof for any
 * size ≤ n is then assembled from O(log n) stored nodes, plus O(log² n) hashing at most for the
 * right-hand, incomplete edges. Nothing is ever recomputed from the leaves.
 */
import { HASH_SIZE, emptyRoot, hashChildren, splitPoint } from './merkle.js';

/** One level of stored node hashes, packed in a single growing buffer (no object per hash). */
class HashColumn {
  private buf = Buffer.alloc(HASH_SIZE * 256);
  length = 0;

  /** `hash` as bytes or as 64 hex digits (what the log has at hand: decoding it here saves a Buffer). */
  push(hash: Uint8Array | string): void {
    if ((this.length + 1) * HASH_SIZE > this.buf.length) {
      const bigger = Buffer.alloc(this.buf.length * 2);
      this.buf.copy(bigger);
      this.buf = bigger;
    }
    const at = this.length * HASH_SIZE;
    if (typeof hash !== 'string') {
      if (hash.length !== HASH_SIZE) throw new RangeError(`leaf hash must be ${HASH_SIZE} bytes, got ${hash.length}`);
      this.buf.set(hash, at);
    } else if (hash.length !== HASH_SIZE * 2 || this.buf.write(hash, at, 'hex') !== HASH_SIZE) {
      throw new RangeError(`leaf hash must be ${HASH_SIZE * 2} hex digits, got '${hash}'`);
    }
    this.length++;
  }

  /** A view, not a copy: callers inside this file never mutate it. */
  get(i: number): Buffer {
    return this.buf.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE);
  }
}

export class MerkleTree {
  private readonly levels: HashColumn[] = [new HashColumn()];

  get size(): number {
    return this.levels[0].length;
  }

  /** Leaves whose completed parents are stored; the rest wait for completeParents(). */
  private withParents = 0;

  /** Adds one leaf by its RFC 6962 leaf hash (see hashLeaf), as bytes or hex. */
  append(leafHash: Uint8Array | string): void {
    this.levels[0].push(leafHash);
  }

  leafHash(index: number): Buffer {
    this.checkRange(index, 0, this.size - 1, 'leaf index');
    return Buffer.from(this.levels[0].get(index));
  }

  /** Merkle Tree Hash of the first `size` leaves (default: all). */
  root(size = this.size): Buffer {
    this.checkRange(size, 0, this.size, 'tree size');
    this.completeParents();
    return size === 0 ? emptyRoot() : Buffer.from(this.subtree(0, size));
  }

  /** RFC 6962 §2.1.1 audit path for leaf `index` in the tree of `size` leaves. */
  inclusionProof(index: number, size = this.size): Buffer[] {
    this.checkRange(size, 1, this.size, 'tree size');
    this.checkRange(index, 0, size - 1, 'leaf index');
    this.completeParents();
    const out: Buffer[] = [];
    this.path(index, 0, size, out);
    return out;
  }

  /** RFC 6962 §2.1.2 consistency proof from size m to size n (empty when m is 0 or m = n). */
  consistencyProof(m: number, n = this.size): Buffer[] {
    this.checkRange(n, 0, this.size, 'tree size');
    this.checkRange(m, 0, n, 'old tree size');
    this.completeParents();
    const out: Buffer[] = [];
    if (m > 0 && m < n) this.subproof(m, 0, n, true, out);
    return out;
  }

  /** Stores the parents that the leaves appended since the last call complete. */
  private completeParents(): void {
    for (; this.withParents < this.size; this.withParents++) {
      let i = this.withParents;
      let h = 0;
      // Each odd position closes a pair: store the parent one level up.
      while (i % 2 === 1) {
        const parent = hashChildren(this.levels[h].get(i - 1), this.levels[h].get(i));
        h++;
        if (!this.levels[h]) this.levels.push(new HashColumn());
        this.levels[h].push(parent);
        i = (i - 1) / 2;
      }
    }
  }

  /** MTH(D[start:end]); aligned power-of-two ranges are read from storage. */
  private subtree(start: number, end: number): Buffer {
    const n = end - start;
    if ((n & (n - 1)) === 0 && n <= 2 ** 30 && start % n === 0) {
      const level = Math.log2(n);
      return this.levels[level].get(start / n);
    }
    const k = splitPoint(n);
    return hashChildren(this.subtree(start, start + k), this.subtree(start + k, end));
  }

  /** PATH(m, D[start:end]), deepest sibling first. */
  private path(m: number, start: number, end: number, out: Buffer[]): void {
    const n = end - start;
    if (n === 1) return;
    const k = splitPoint(n);
    if (m < k) {
      this.path(m, start, start + k, out);
      out.push(Buffer.from(this.subtree(start + k, end)));
    } else {
      this.path(m - k, start + k, end, out);
      out.push(Buffer.from(this.subtree(start, start + k)));
    }
  }

  /** SUBPROOF(m, D[start:end], b). */
  private subproof(m: number, start: number, end: number, b: boolean, out: Buffer[]): void {
    const n = end - start;
    if (m === n) {
      if (!b) out.push(Buffer.from(this.subtree(start, end)));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      this.subproof(m, start, start + k, b, out);
      out.push(Buffer.from(this.subtree(start + k, end)));
    } else {
      this.subproof(m - k, start + k, end, false, out);
      out.push(Buffer.from(this.subtree(start, start + k)));
    }
  }

  private checkRange(x: number, min: number, max: number, what: string): void {
    if (!Number.isSafeInteger(x) || x < min || x > max) {
      throw new RangeError(`${what} ${x} is out of range ${min}..${max} (tree has ${this.size} leaves)`);
    }
  }
}
