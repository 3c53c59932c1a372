/**
 * Which declared prompts a request carries. Two measures, each the share of the *declared*
 * prompt found in the request (containment: wrappers, system prompts and format demands add to
 * the request but remove nothing from the item):
 *
 * - shingles: share of the prompt's word 3-grams present (≥ 0.6 matches). Tolerates a few
 *   edited words: one word changed in a 20-word question removes 3 of 18 shingles (0.83).
 * - content words: IDF-weighted share of the prompt's content words present (≥ 0.7 matches,
 *   prompts with ≥ 3 content words only). This is what lets a paraphrase match: "When was the
 *   Peace of Westphalia signed?" keeps the names that identify the item while every 3-gram
 *   changes. IDF over the declared set, so words many items share ("year", "which") weigh
 *   little and names weigh most.
 *
 * A request may carry several declared prompts (multi-turn, few-shot): every candidate that
 * reaches a threshold is returned. Candidates come from an inverted index of *rare* shingles and
 * words (shingles in at most max(32, 2%) of the prompts, words in at most max(8, 0.2%)), so
 * boilerplate never makes a request touch every prompt; at most `maxVerified` are verified
 * exactly, best upper bound first.
 */
import { CONTENT } from './content-words.js';
import { SHINGLE_WORDS, WORD_SPACE, keyedShingle, keyedWord, type PromptFingerprint } from './fingerprint.js';
import { IntMultimap, ScratchIntSet } from './int-hash.js';
import { forEachShingle } from './text.js';

export interface DeclaredMatch {
  /** Index of the prompt in the fingerprints the index was built from. */
  index: number;
  /** The larger of the two containments, 0..1. */
  score: number;
  /** Content words of the prompt (the piggyback allowance is relative to it). */
  contentWords: number;
}

export interface DeclaredIndexOptions {
  shingleThreshold?: number;
  wordThreshold?: number;
  /** Most candidates verified exactly per request. Default 16. */
  maxVerified?: number;
  /** Only this many words of a request are read. Default 8000. */
  maxRequestWords?: number;
}

/** Fewest content words for a prompt to be matched by its words (fewer identify nothing). */
const MIN_WORDS_FOR_WORD_MATCH = 3;

export class DeclaredIndex {
  readonly size: number;
  private readonly shingleThreshold: number;
  private readonly wordThreshold: number;
  private readonly maxVerified: number;
  private readonly maxRequestWords: number;
  private readonly shingles: Int32Array[];
  private readonly words: Uint16Array[];
  private readonly idf = new Float64Array(WORD_SPACE);
  private readonly wordWeight: Float64Array;
  private readonly shinglePostings: IntMultimap;
  private readonly wordPostings: IntMultimap;
  /** Per prompt: shingles too common to index / weight of its words too common to index. */
  private readonly commonShingles: Uint32Array;
  private readonly commonWeight: Float64Array;
  private readonly alwaysCheck: number[] = [];
  private readonly shortLengths: number[];
  // per-query scratch
  private readonly shingleHits: Uint32Array;
  private readonly wordHits: Float64Array;
  private readonly touched: number[] = [];
  private readonly candidates: Int32Array;
  private readonly bounds: Float64Array;
  private readonly stamp: Uint32Array;
  private generation = 0;
  private readonly request = new ScratchIntSet();
  /** The request's keyed content words, one bit each. */
  readonly requestWords = new Uint32Array(WORD_SPACE / 32);

  constructor(
    readonly key: number,
    prints: readonly PromptFingerprint[],
    options: DeclaredIndexOptions = {},
  ) {
    this.shingleThreshold = options.shingleThreshold ?? 0.6;
    this.wordThreshold = options.wordThreshold ?? 0.7;
    this.maxVerified = options.maxVerified ?? 16;
    this.maxRequestWords = options.maxRequestWords ?? 8000;
    this.size = prints.length;
    this.shingles = prints.map((p) => Int32Array.from(new Set(p.s)));
    this.words = prints.map((p) => Uint16Array.from(new Set(p.w)));
    this.shortLengths = [...new Set(prints.map((p) => p.n).filter((n): n is number => n !== undefined))];

    const df = new Uint32Array(WORD_SPACE);
    for (const w of this.words) for (const h of w) df[h]++;
    for (let h = 0; h < WORD_SPACE; h++) this.idf[h] = df[h] ? Math.log(1 + this.size / df[h]) : 0;
    this.wordWeight = Float64Array.from(this.words, (w) => w.reduce((sum, h) => sum + this.idf[h], 0));

    // A shingle in more than max(32, 2%) of the prompts, or a word in more than max(8, 0.2%),
    // carries little identity: it is verified, never looked up. Words are capped lower: a word
    // is far less specific than three in a row, and the names that identify an item are rare.
    this.commonShingles = new Uint32Array(this.size);
    this.commonWeight = new Float64Array(this.size);
    this.shinglePostings = new IntMultimap(this.rare(this.shingles, Math.max(32, Math.ceil(this.size * 0.02)), (i) => this.commonShingles[i]++));
    this.wordPostings = new IntMultimap(this.rare(this.words, Math.max(8, Math.ceil(this.size * 0.002)), (i, h) => (this.commonWeight[i] += this.idf[h])));
    for (let i = 0; i < this.size; i++) {
      const noRareShingle = this.shingles[i].length > 0 && this.commonShingles[i] === this.shingles[i].length;
      const noRareWord = this.words[i].length < MIN_WORDS_FOR_WORD_MATCH || this.commonWeight[i] >= this.wordWeight[i] - 1e-9;
      if (noRareShingle && noRareWord) this.alwaysCheck.push(i);
    }
    this.shingleHits = new Uint32Array(this.size);
    this.wordHits = new Float64Array(this.size);
    this.candidates = new Int32Array(this.size);
    this.bounds = new Float64Array(this.size);
    this.stamp = new Uint32Array(this.size);
  }

  /** Postings of the hashes found in at most `cap` sets; `common` is told of every other (set, hash). */
  private rare(sets: readonly (Int32Array | Uint16Array)[], cap: number, common: (i: number, h: number) => void): Map<number, number[]> {
    const all = new Map<number, number[]>();
    sets.forEach((set, i) => {
      for (const h of set) {
        const list = all.get(h);
        if (list) list.push(i);
        else all.set(h, [i]);
      }
    });
    const rare = new Map<number, number[]>();
    for (const [h, list] of all) {
      if (list.length <= cap) rare.set(h, list);
      else for (const i of list) common(i, h);
    }
    return rare;
  }

  /** Content words of declared prompt `i`, for the piggyback test. */
  wordsOf(i: number): Uint16Array {
    return this.words[i];
  }

  /**
   * Declared prompts the request carries, best first. `hashes`/`flags` are the request's words
   * (text.tokenize hashes, content-words flags). Leaves the request's keyed content words in
   * `requestWords` for the caller.
   */
  match(hashes: Uint32Array, flags: Uint8Array): DeclaredMatch[] {
    const bits = this.requestWords;
    bits.fill(0);
    if (this.size === 0 || hashes.length === 0) return [];
    const n = Math.min(hashes.length, this.maxRequestWords);
    const wh = n < hashes.length ? hashes.subarray(0, n) : hashes;
    const touched = this.touched;
    touched.length = 0;
    const touch = (i: number) => {
      if (this.shingleHits[i] === 0 && this.wordHits[i] === 0) touched.push(i);
    };
    this.request.clear(wh.length * (1 + this.shortLengths.length));
    const visit = (gram: number) => {
      const s = keyedShingle(gram, this.key);
      if (this.request.add(s)) this.shinglePostings.forEach(s, (i) => (touch(i), this.shingleHits[i]++));
    };
    forEachShingle(wh, SHINGLE_WORDS, visit);
    for (const len of this.shortLengths) if (wh.length >= len) forEachShingle(wh, len, visit);
    for (let j = 0; j < n; j++) {
      if (!(flags[j] & CONTENT)) continue;
      const w = keyedWord(wh[j], this.key);
      const bit = 1 << (w & 31);
      if (bits[w >>> 5] & bit) continue;
      bits[w >>> 5] |= bit;
      const weight = this.idf[w];
      this.wordPostings.forEach(w, (i) => (touch(i), (this.wordHits[i] += weight)));
    }

    // Upper bounds on each containment: every common shingle / word might be present too.
    const cand = this.candidates;
    const bounds = this.bounds;
    let nc = 0;
    const consider = (i: number, bound: number) => {
      if (this.stamp[i] === this.generation) return;
      this.stamp[i] = this.generation;
      cand[nc] = i;
      bounds[nc++] = bound;
    };
    this.generation++;
    for (const i of touched) {
      const bs = this.shingles[i].length ? (this.shingleHits[i] + this.commonShingles[i]) / this.shingles[i].length : 0;
      const bw = this.words[i].length >= MIN_WORDS_FOR_WORD_MATCH ? (this.wordHits[i] + this.commonWeight[i]) / this.wordWeight[i] : 0;
      if (bs >= this.shingleThreshold || bw >= this.wordThreshold) consider(i, Math.max(bs, bw));
      this.shingleHits[i] = 0;
      this.wordHits[i] = 0;
    }
    for (const i of this.alwaysCheck) consider(i, 1);

    // Verify the best `maxVerified` bounds (a partial selection: candidate lists can be long).
    const out: DeclaredMatch[] = [];
    for (let v = 0; v < this.maxVerified && v < nc; v++) {
      let best = v;
      for (let c = v + 1; c < nc; c++) if (bounds[c] > bounds[best]) best = c;
      [cand[v], cand[best]] = [cand[best], cand[v]];
      [bounds[v], bounds[best]] = [bounds[best], bounds[v]];
      const i = cand[v];
      const byShingles = this.shingleContainment(i);
      const byWords = this.wordContainment(i);
      if (byShingles >= this.shingleThreshold || byWords >= this.wordThreshold) {
        out.push({ index: i, score: Math.max(byShingles, byWords), contentWords: this.words[i].length });
      }
    }
    return out.sort((a, b) => b.score - a.score);
  }

  private shingleContainment(i: number): number {
    const set = this.shingles[i];
    let inter = 0;
    for (let j = 0; j < set.length; j++) if (this.request.has(set[j])) inter++;
    return set.length ? inter / set.length : 0;
  }

  /** 0 for prompts with too few content words to be identified by them. */
  private wordContainment(i: number): number {
    const words = this.words[i];
    if (words.length < MIN_WORDS_FOR_WORD_MATCH || this.wordWeight[i] === 0) return 0;
    let got = 0;
    for (const w of words) if (this.requestWords[w >>> 5] & (1 << (w & 31))) got += this.idf[w];
    return got / this.wordWeight[i];
  }
}
