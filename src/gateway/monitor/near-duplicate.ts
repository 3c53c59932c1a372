/**
 * Near-duplicate matching of a request's prompt against the declared suites' prompts.
 *
 * Measure: containment = |S ∩ R| / |S|, the share of a suite prompt's word 3-gram shingles (S)
 * that appear in the request (R). Containment, not Jaccard, because an evaluating lab wraps
 * each question in its own instructions (a system prompt, a confidence-target preamble, an
 * answer-format suffix): those add shingles to R, which would drag Jaccard down, but leave
 * the question's own shingles present. Containment ≥ 0.6 tolerates a few edited words.
 *
 * Speed: an inverted index from shingle to suite prompts. Only "rare" shingles (in few suite
 * prompts) generate candidates, so boilerplate like "what is the" does not make every query
 * touch every suite prompt; candidates are then verified exactly, best upper bound first.
 */
import { IntMultimap, ScratchIntSet } from './int-hash.js';
import { forEachShingle, shingleSet, tokenize } from './text.js';

export interface SuiteMatch {
  /** containment of the best suite prompt reached the threshold. */
  matched: boolean;
  /** index into the indexed prompts of the best candidate, -1 if none. */
  index: number;
  /** containment of that suite prompt in the request, 0..1. */
  containment: number;
}

export interface SuiteIndexOptions {
  /** Containment at or above which a request matches a suite prompt. Default 0.6. */
  threshold?: number;
  /** Shingle size in words. Default 3. */
  shingleWords?: number;
  /** Only the first this many words of a request are shingled, bounding cost. Default 8000. */
  maxRequestWords?: number;
  /** At most this many candidates are verified exactly per request. Default 16. */
  maxVerified?: number;
}

const NO_MATCH: SuiteMatch = { matched: false, index: -1, containment: 0 };

export class SuiteIndex {
  readonly size: number;
  private readonly threshold: number;
  private readonly k: number;
  private readonly maxRequestWords: number;
  private readonly maxVerified: number;
  /** each suite prompt's distinct shingles. */
  private readonly sets: Int32Array[];
  /** shingle → suite prompts containing it (rare shingles only). */
  private readonly postings: IntMultimap;
  /** per suite prompt: how many of its shingles are too common to be indexed. */
  private readonly commonCount: Uint32Array;
  /** suite prompts with no rare shingle at all: always verified. */
  private readonly alwaysCheck: number[] = [];
  /** word counts (< k) of suite prompts too short for a k-gram: requests get those n-grams too. */
  private readonly shortLengths: number[];
  /** per-query scratch: hits per suite prompt, touched prompts, the request's shingles. */
  private readonly hits: Uint32Array;
  private readonly touched: number[] = [];
  private readonly request = new ScratchIntSet();

  constructor(prompts: readonly string[], options: SuiteIndexOptions = {}) {
    this.threshold = options.threshold ?? 0.6;
    this.k = options.shingleWords ?? 3;
    this.maxRequestWords = options.maxRequestWords ?? 8000;
    this.maxVerified = options.maxVerified ?? 16;
    this.size = prompts.length;
    const short = new Set<number>();
    this.sets = prompts.map((p) => {
      const { hashes } = tokenize(p);
      if (hashes.length > 0 && hashes.length < this.k) short.add(hashes.length);
      return Int32Array.from(shingleSet(hashes, this.k));
    });
    this.shortLengths = [...short];
    this.commonCount = new Uint32Array(this.size);
    this.hits = new Uint32Array(this.size);

    const all = new Map<number, number[]>();
    this.sets.forEach((set, i) => {
      for (const s of set) {
        const list = all.get(s);
        if (list) list.push(i);
        else all.set(s, [i]);
      }
    });
    // A shingle shared by more than this many suite prompts carries little identity.
    const rareCap = Math.max(32, Math.ceil(this.size * 0.02));
    const rare = new Map<number, number[]>();
    for (const [s, list] of all) {
      if (list.length <= rareCap) rare.set(s, list);
      else for (const i of list) this.commonCount[i]++;
    }
    this.postings = new IntMultimap(rare);
    this.sets.forEach((set, i) => {
      if (set.length > 0 && this.commonCount[i] === set.length) this.alwaysCheck.push(i);
    });
  }

  /** Best-matching suite prompt for a request's prompt text. */
  match(prompt: string): SuiteMatch {
    return this.matchHashes(tokenize(prompt).hashes);
  }

  /** Same as match() for a prompt's word hashes (the monitor tokenises each prompt once). */
  matchHashes(requestWordHashes: Uint32Array): SuiteMatch {
    if (this.size === 0 || requestWordHashes.length === 0) return NO_MATCH;
    const wh = requestWordHashes.length > this.maxRequestWords ? requestWordHashes.subarray(0, this.maxRequestWords) : requestWordHashes;
    const request = this.request;
    request.clear(wh.length * (1 + this.shortLengths.length));
    const touched = this.touched;
    touched.length = 0;
    const countHit = (i: number) => {
      if (this.hits[i] === 0) touched.push(i);
      this.hits[i]++;
    };
    const visit = (s: number) => {
      if (request.add(s)) this.postings.forEach(s, countHit);
    };
    forEachShingle(wh, this.k, visit);
    for (const n of this.shortLengths) if (wh.length >= n) forEachShingle(wh, n, visit);

    // Upper bound on containment: every common shingle might also be present.
    const candidates: { i: number; bound: number }[] = [];
    for (const i of touched) {
      const bound = (this.hits[i] + this.commonCount[i]) / this.sets[i].length;
      if (bound >= this.threshold) candidates.push({ i, bound });
      this.hits[i] = 0;
    }
    for (const i of this.alwaysCheck) candidates.push({ i, bound: 1 });
    candidates.sort((a, b) => b.bound - a.bound);

    let best = NO_MATCH;
    let verified = 0;
    for (const { i, bound } of candidates) {
      if (bound <= best.containment || verified >= this.maxVerified) break;
      verified++;
      const set = this.sets[i];
      let inter = 0;
      for (let j = 0; j < set.length; j++) if (request.has(set[j])) inter++;
      const containment = inter / set.length;
      if (containment > best.containment) best = { matched: containment >= this.threshold, index: i, containment };
    }
    return best;
  }
}
