/**
 * Locality-sensitive hashing over the last `window` documents: each document is a MinHash
 * signature (K = 32 values, one per hash function, each the least hash of its features); the
 * signature is cut into 16 bands of 2 values, and two documents that agree on a whole band
 * share a bucket. A pair whose feature sets have Jaccard similarity J shares at least one of
 * 16 buckets with probability 1 − (1 − J²)^16: 0.48 at J = 0.2, 0.93 at J = 0.4, 0.999 at 0.6,
 * so near-duplicates are found among thousands of documents by looking at a handful.
 *
 * Hand-written on typed arrays: bloom-filters 3.0.4's MinHash (the well-kept npm sketch
 * library) took 43 µs to sign a 30-feature document against 8.5 µs here (side by side, 64
 * hashes), with floating-point hashing that loses precision past 2^53, and no banding.
 *
 * Memory is fixed: signatures (window × 32 × 4 bytes), one bucket table per band (2 × window
 * slots, newest entry per bucket) and a chain per (document, band) to the older entry of the
 * same bucket. Entries older than the window are skipped, then overwritten.
 */
import { mulberry32 } from '../../core/seeded-random.js';
import { pack, unpackInto } from './persist.js';

export const SIGNATURE_SIZE = 32;
const ROWS = 2;
const BANDS = SIGNATURE_SIZE / ROWS;
/** Buckets visited per band and query: the newest entries of a bucket come first. */
const CHAIN_STEPS = 8;

const MULT = new Uint32Array(SIGNATURE_SIZE);
const ADD = new Uint32Array(SIGNATURE_SIZE);
{
  // Fixed seed: signatures must be comparable across restarts (the window is saved).
  const rnd = mulberry32(0x2c1b3c6d);
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    MULT[i] = ((rnd() * 2 ** 32) >>> 0) | 1;
    ADD[i] = (rnd() * 2 ** 32) >>> 0;
  }
}

/** Lowers `sig` to the MinHash of `feature` (features must already be well-mixed 32-bit hashes). */
export function addFeature(sig: Uint32Array, feature: number): void {
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    let h = Math.imul((feature ^ ADD[i]) >>> 0, MULT[i]);
    h = (h ^ (h >>> 15)) >>> 0; // unsigned again: a negative value would win every comparison
    if (h < sig[i]) sig[i] = h;
  }
}

export function emptySignature(): Uint32Array {
  return new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
}

function bandKey(sig: Uint32Array, band: number): number {
  let h = Math.imul(sig[band * ROWS] ^ 0x9e3779b1, 0x85ebca6b);
  h = Math.imul(h ^ sig[band * ROWS + 1] ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export interface LshState {
  next: number;
  signatures: string;
  seqs: string;
  heads: string;
  chain: string;
}

export class LshWindow {
  /** Documents inserted so far; document `seq` lives in slot seq % window. */
  private next = 0;
  private readonly signatures: Uint32Array;
  private readonly seqs: Int32Array;
  /** per band: bucket → newest seq + 1 (0 = empty). */
  private readonly heads: Int32Array;
  /** per (slot, band): the older seq + 1 in the same bucket. */
  private readonly chain: Int32Array;
  private readonly bucketMask: number;
  private readonly hits: Uint8Array;

  constructor(readonly window = 1024) {
    let buckets = 16;
    while (buckets < 2 * window) buckets *= 2;
    this.bucketMask = buckets - 1;
    this.signatures = new Uint32Array(window * SIGNATURE_SIZE);
    this.seqs = new Int32Array(window).fill(-1);
    this.heads = new Int32Array(BANDS * buckets);
    this.chain = new Int32Array(window * BANDS);
    this.hits = new Uint8Array(window);
  }

  private live(seq: number): boolean {
    return seq >= 0 && seq >= this.next - this.window && this.seqs[seq % this.window] === seq;
  }

  /** Slots of live documents sharing a band with `sig`, most bands shared first, at most `max`. */
  candidates(sig: Uint32Array, max: number): number[] {
    const touched: number[] = [];
    for (let b = 0; b < BANDS; b++) {
      const key = bandKey(sig, b);
      let seq = this.heads[b * (this.bucketMask + 1) + (key & this.bucketMask)] - 1;
      for (let step = 0; step < CHAIN_STEPS && this.live(seq); step++) {
        const slot = seq % this.window;
        const at = slot * SIGNATURE_SIZE + b * ROWS;
        if (this.signatures[at] === sig[b * ROWS] && this.signatures[at + 1] === sig[b * ROWS + 1]) {
          if (this.hits[slot] === 0) touched.push(slot);
          this.hits[slot]++;
        }
        seq = this.chain[slot * BANDS + b] - 1;
      }
    }
    touched.sort((x, y) => this.hits[y] - this.hits[x]);
    for (const slot of touched) this.hits[slot] = 0;
    return touched.slice(0, max);
  }

  /** Adds a document; returns its slot (the slot's previous document, if any, is evicted). */
  insert(sig: Uint32Array): number {
    const seq = this.next++;
    const slot = seq % this.window;
    this.seqs[slot] = seq;
    this.signatures.set(sig, slot * SIGNATURE_SIZE);
    for (let b = 0; b < BANDS; b++) {
      const head = b * (this.bucketMask + 1) + (bandKey(sig, b) & this.bucketMask);
      this.chain[slot * BANDS + b] = this.heads[head];
      this.heads[head] = seq + 1;
    }
    return slot;
  }

  /** Documents inserted so far (not all still in the window). */
  get inserted(): number {
    return this.next;
  }

  save(): LshState {
    return { next: this.next, signatures: pack(this.signatures), seqs: pack(this.seqs), heads: pack(this.heads), chain: pack(this.chain) };
  }

  load(s: LshState): void {
    this.next = s.next;
    unpackInto(this.signatures, s.signatures);
    unpackInto(this.seqs, s.seqs);
    unpackInto(this.heads, s.heads);
    unpackInto(this.chain, s.chain);
  }
}
