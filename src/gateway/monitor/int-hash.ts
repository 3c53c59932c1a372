/**
 * Open-addressing hash structures over typed arrays for non-negative 31-bit integer keys (the
 * monitor's shingle hashes, already well mixed). Several times faster than Map/Set of numbers
 * on the per-request path, and they allocate nothing per lookup.
 */

const EMPTY = -1;

function tableSize(entries: number): number {
  let size = 16;
  while (size < entries * 2) size *= 2;
  return size;
}

/** An immutable key → list of ints map, built once (the suite index's postings). */
export class IntMultimap {
  private readonly keys: Int32Array;
  private readonly offsets: Int32Array;
  private readonly lengths: Int32Array;
  private readonly values: Int32Array;
  private readonly mask: number;
  readonly size: number;

  constructor(entries: Map<number, readonly number[]>) {
    const cap = tableSize(entries.size);
    this.mask = cap - 1;
    this.keys = new Int32Array(cap).fill(EMPTY);
    this.offsets = new Int32Array(cap);
    this.lengths = new Int32Array(cap);
    let total = 0;
    for (const list of entries.values()) total += list.length;
    this.values = new Int32Array(total);
    let at = 0;
    for (const [key, list] of entries) {
      let slot = key & this.mask;
      while (this.keys[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.offsets[slot] = at;
      this.lengths[slot] = list.length;
      this.values.set(list, at);
      at += list.length;
    }
    this.size = entries.size;
  }

  /** Calls `visit` with each value stored under `key`. */
  forEach(key: number, visit: (value: number) => void): void {
    let slot = key & this.mask;
    for (;;) {
      const k = this.keys[slot];
      if (k === EMPTY) return;
      if (k === key) {
        const end = this.offsets[slot] + this.lengths[slot];
        for (let i = this.offsets[slot]; i < end; i++) visit(this.values[i]);
        return;
      }
      slot = (slot + 1) & this.mask;
    }
  }
}

/**
 * A reusable set for one query at a time: clear() is O(1) (a generation stamp), so a request's
 * shingles can be collected without allocating a Set per request.
 */
export class ScratchIntSet {
  private keys = new Int32Array(1024);
  private stamps = new Uint32Array(1024);
  private mask = 1023;
  private generation = 1;
  private count = 0;

  /** Empties the set, making room for about `expected` keys. */
  clear(expected: number): void {
    const need = tableSize(expected);
    if (need > this.keys.length) {
      this.keys = new Int32Array(need);
      this.stamps = new Uint32Array(need);
      this.mask = need - 1;
      this.generation = 0;
    }
    this.generation++;
    if (this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
    this.count = 0;
  }

  /** Adds `key`; true when it was not there yet. */
  add(key: number): boolean {
    let slot = key & this.mask;
    for (;;) {
      if (this.stamps[slot] !== this.generation) {
        if (this.count * 2 >= this.keys.length) throw new RangeError('ScratchIntSet: more keys than clear() made room for');
        this.stamps[slot] = this.generation;
        this.keys[slot] = key;
        this.count++;
        return true;
      }
      if (this.keys[slot] === key) return false;
      slot = (slot + 1) & this.mask;
    }
  }

  has(key: number): boolean {
    let slot = key & this.mask;
    for (;;) {
      if (this.stamps[slot] !== this.generation) return false;
      if (this.keys[slot] === key) return true;
      slot = (slot + 1) & this.mask;
    }
  }

  get size(): number {
    return this.count;
  }
}
