/**
 * Are two texts one template with a short varying slot ("Write a detailed answer about {topic}")?
 * Compares the words of two documents kept by the template detector: a fixed prefix and suffix
 * shared in order, around a slot where they differ. Up to `junkWords` words at either end may
 * differ too (a random request id, a nonce, a rotating greeting) without breaking the template,
 * as long as a fixed run of at least 2 words follows them: junk is ignored, it is not the slot.
 *
 * A pair is a template when
 *   - each slot has 1..maxSlotWords words, the slots differ, and one of them has a content word
 *     (a slot of nonces or ids alone is junk, not what the template varies);
 *   - the fixed part has at least as many words as the longer slot (the template dominates: two
 *     questions that only share "how do I" are not one template), at least one content word, and
 *     at least `minChars` characters.
 * Documents longer than KEEP words are kept as their first and last KEEP/2 words; their unseen
 * middle counts as slot.
 */
import { CONTENT, DIGIT } from './content-words.js';
import { combine, hashString } from './text.js';

export const KEEP = 48;
const HEAD = KEEP / 2;
const TAIL = KEEP / 2;
const SLOT_MARK = hashString('\u0000{slot}\u0000');

/**
 * A document as the detector keeps it: min(n, KEEP) words from `at` in the arrays (see above);
 * the window's documents share its arrays, so comparing with one allocates nothing.
 */
export interface Kept {
  n: number;
  at: number;
  words: Uint32Array;
  flags: Uint8Array;
  lengths: Uint8Array;
}

export interface Skeleton {
  /** Identifies the template: its fixed words in order, around one slot. */
  key: number;
  /** Where the fixed prefix starts and ends in the first document, and the fixed suffix. */
  prefix: [number, number];
  suffix: [number, number];
}

export interface SkeletonRules {
  maxSlotWords: number;
  minChars: number;
  junkWords: number;
}

/** Position i of a document → index into its arrays, or -1 (out of range or in the unseen middle). */
export function keptIndex(d: Kept, i: number): number {
  if (i < 0 || i >= d.n) return -1;
  if (d.n <= KEEP || i < HEAD) return d.at + i;
  if (i >= d.n - TAIL) return d.at + HEAD + (i - (d.n - TAIL));
  return -1;
}

function same(a: Kept, i: number, b: Kept, j: number): boolean {
  const x = keptIndex(a, i);
  const y = keptIndex(b, j);
  return x >= 0 && y >= 0 && a.words[x] === b.words[y];
}

/** Longest run of equal words reading from (a0, b0) in direction `dir`, at most `limit` long. */
function run(a: Kept, a0: number, b: Kept, b0: number, dir: 1 | -1, limit: number): number {
  let k = 0;
  while (k < limit && same(a, a0 + dir * k, b, b0 + dir * k)) k++;
  return k;
}

/**
 * Start offsets and run length from one end: with no junk, and, when the texts do not share a
 * clean run of 2 there, the best with junk skipped (junk only before a run of ≥ 2). Both are
 * tried, since a junk-skipping run from the front may as well be the suffix seen from the
 * wrong end.
 */
function runs(a: Kept, b: Kept, junk: number, fromEnd: boolean, limitA: number, limitB: number): [number, number, number][] {
  const at = (x: number, y: number): number => {
    const limit = Math.min(limitA - x, limitB - y);
    if (limit <= 0) return 0;
    return fromEnd ? run(a, a.n - 1 - x, b, b.n - 1 - y, -1, limit) : run(a, x, b, y, 1, limit);
  };
  const plain: [number, number, number] = [0, 0, at(0, 0)];
  if (plain[2] >= 2) return [plain]; // the texts share a clean start (end): no junk to skip there
  let best = plain;
  for (let x = 0; x <= junk; x++) {
    for (let y = 0; y <= junk; y++) {
      if (x === 0 && y === 0) continue;
      const r = at(x, y);
      if (r >= 2 && (r > best[2] || (r === best[2] && x + y < best[0] + best[1]))) best = [x, y, r];
    }
  }
  return best === plain ? [plain] : [plain, best];
}

/** A content word without digits (a nonce or an id is not what a template varies). */
function hasContent(d: Kept, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const k = keptIndex(d, i);
    if (k < 0 || (d.flags[k] & (CONTENT | DIGIT)) === CONTENT) return true; // an unseen word may be content
  }
  return false;
}

/** The template `a` and `b` share, or undefined when they are not one template. */
export function skeletonOf(a: Kept, b: Kept, rules: SkeletonRules, streamTag: number): Skeleton | undefined {
  let best: (Skeleton & { fixed: number; junk: number }) | undefined;
  for (const [a0, b0, p] of runs(a, b, rules.junkWords, false, a.n, b.n)) {
    for (const [e0, f0, s] of runs(a, b, rules.junkWords, true, a.n - a0 - p, b.n - b0 - p)) {
      const sk = alignment(a, b, rules, streamTag, [a0, b0, p], [e0, f0, s]);
      const junk = a0 + b0 + e0 + f0;
      if (sk && (!best || p + s > best.fixed || (p + s === best.fixed && junk < best.junk))) best = { ...sk, fixed: p + s, junk };
    }
  }
  return best && { key: best.key, prefix: best.prefix, suffix: best.suffix };
}

/** The skeleton of one alignment (prefix run from the front, suffix run from the end), if it is a template. */
function alignment(a: Kept, b: Kept, rules: SkeletonRules, streamTag: number, [a0, b0, p]: number[], [e0, f0, s]: number[]): Skeleton | undefined {
  const slotA = a.n - e0 - s - (a0 + p);
  const slotB = b.n - f0 - s - (b0 + p);
  const longest = Math.max(slotA, slotB);
  if (longest < 1 || longest > rules.maxSlotWords || slotA < 0 || slotB < 0) return undefined;
  if (p + s < longest) return undefined;
  if (slotA === slotB && run(a, a0 + p, b, b0 + p, 1, slotA) === slotA) return undefined; // the same text again, other junk
  if (!hasContent(a, a0 + p, a0 + p + slotA) && !hasContent(b, b0 + p, b0 + p + slotB)) return undefined;

  let chars = -1;
  let content = false;
  let key = combine(hashString('template'), streamTag);
  const fixed = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const k = keptIndex(a, i);
      chars += a.lengths[k] + 1;
      content ||= (a.flags[k] & CONTENT) !== 0;
      key = combine(key, a.words[k]);
    }
  };
  fixed(a0, a0 + p);
  key = combine(key, SLOT_MARK);
  fixed(a.n - e0 - s, a.n - e0);
  if (!content || chars < rules.minChars) return undefined;
  return { key, prefix: [a0, a0 + p], suffix: [a.n - e0 - s, a.n - e0] };
}
