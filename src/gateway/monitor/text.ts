/**
 * Text features shared by the monitor's detectors. A prompt is tokenised once per request into
 * word hashes (and word offsets), from which shingles, content hashes and template keys are all
 * derived, without building a string per word: requests can be long and the monitor sits on
 * the gateway's hot path.
 */

/**
 * The reference normalisation: lower-case words of letters and digits, everything else a
 * separator (Unicode-aware). tokenize() is its fast equivalent; a test holds them equal.
 */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** murmur3's finaliser: spreads FNV's weak low bits so hashes can be used as uniform numbers. */
export function finalMix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over a string's UTF-16 units, then finalMix: deterministic and seedless. */
export function hashString(s: string, seed = FNV_OFFSET): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return finalMix(h);
}

/** Combines two 32-bit hashes order-sensitively (so "a b" and "b a" differ). */
export function combine(a: number, b: number): number {
  return finalMix((Math.imul(a, 0x9e3779b1) ^ b) >>> 0);
}

export interface Tokens {
  /** The lower-cased text the offsets refer to. */
  text: string;
  /** hashString of each word. */
  hashes: Uint32Array;
  /** [start, end) of each word in `text`. */
  starts: Uint32Array;
  ends: Uint32Array;
}

const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const nonAsciiWordChar = new Map<number, boolean>();

/** Is the code point a letter or digit? ASCII inline, the rest through a cached regex test. */
function isWordCodePoint(cp: number): boolean {
  if (cp < 128) return (cp >= 97 && cp <= 122) || (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90);
  let known = nonAsciiWordChar.get(cp);
  if (known === undefined) {
    known = WORD_CHAR.test(String.fromCodePoint(cp));
    if (nonAsciiWordChar.size < 65_536) nonAsciiWordChar.set(cp, known);
  }
  return known;
}

let scratch = new Uint32Array(3 * 1024);

/**
 * Splits like words() and hashes each word like hashString(word), in one pass. Only the first
 * `maxChars` characters are read (default 400 000, about 60 000 words), which bounds both the
 * time per request and the scratch buffer kept between calls.
 */
export function tokenize(input: string, maxChars = 400_000): Tokens {
  const text = (input.length > maxChars ? input.slice(0, maxChars) : input).toLowerCase();
  const maxWords = (text.length >>> 1) + 1;
  if (scratch.length < 3 * maxWords) scratch = new Uint32Array(3 * maxWords);
  const buf = scratch; // [hash, start, end] per word
  let n = 0;
  let h = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    let units = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = ((cp - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        units = 2;
      }
    }
    if (isWordCodePoint(cp)) {
      if (start < 0) {
        start = i;
        h = FNV_OFFSET;
      }
      h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
      if (units === 2) h = Math.imul(h ^ text.charCodeAt(i + 1), FNV_PRIME);
    } else if (start >= 0) {
      buf[3 * n] = finalMix(h);
      buf[3 * n + 1] = start;
      buf[3 * n + 2] = i;
      n++;
      start = -1;
    }
    i += units - 1;
  }
  if (start >= 0) {
    buf[3 * n] = finalMix(h);
    buf[3 * n + 1] = start;
    buf[3 * n + 2] = text.length;
    n++;
  }
  const hashes = new Uint32Array(n);
  const starts = new Uint32Array(n);
  const ends = new Uint32Array(n);
  for (let j = 0; j < n; j++) {
    hashes[j] = buf[3 * j];
    starts[j] = buf[3 * j + 1];
    ends[j] = buf[3 * j + 2];
  }
  return { text, hashes, starts, ends };
}

/**
 * Hash of the n words starting at i. 30 bits and non-negative, so hashes are V8 small integers
 * and -1 can mark an empty slot; a collision among 10^4 shingles costs a shingle, not a match.
 */
export function gramHash(wh: Uint32Array, i: number, n: number): number {
  let h = FNV_OFFSET ^ n;
  for (let j = 0; j < n; j++) h = Math.imul(h ^ wh[i + j], FNV_PRIME);
  return finalMix(h) >>> 2;
}

/**
 * Calls `visit` with each word k-gram hash (repeats included). A text shorter than k words is
 * one shingle of all its words, so short prompts still have something to match on.
 */
export function forEachShingle(wh: Uint32Array, k: number, visit: (h: number) => void): void {
  if (wh.length === 0) return;
  if (wh.length < k) {
    visit(gramHash(wh, 0, wh.length));
    return;
  }
  for (let i = 0; i + k <= wh.length; i++) visit(gramHash(wh, i, k));
}

/** Distinct shingles of a word-hash sequence (see forEachShingle). */
export function shingleSet(wh: Uint32Array, k = 3): Set<number> {
  const out = new Set<number>();
  forEachShingle(wh, k, (h) => out.add(h));
  return out;
}

/** A uniform number in [0, 1) identifying a word sequence (53 bits from two independent folds). */
export function contentHash(wh: Uint32Array): number {
  let a = FNV_OFFSET;
  let b = 0x9747b28c;
  for (let i = 0; i < wh.length; i++) {
    a = Math.imul(a ^ wh[i], FNV_PRIME);
    b = Math.imul(b ^ wh[i], 0x5bd1e995) ^ (b >>> 15);
  }
  return ((finalMix(a ^ wh.length) >>> 11) * 4294967296 + finalMix(b)) / 2 ** 53;
}

/** A uniform number in [0, 1) for an arbitrary string key. */
export function unitHash(key: string): number {
  const hi = hashString(key, FNV_OFFSET) >>> 11; // 21 bits
  const lo = hashString(key, 0x9747b28c); // 32 bits
  return (hi * 4294967296 + lo) / 2 ** 53;
}
