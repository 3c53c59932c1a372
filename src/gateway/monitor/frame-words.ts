/**
 * The words a grant sends in many of its requests: its system prompt, its answer-format demands,
 * its confidence-target preamble, the follow-up turns every conversation repeats ("Are you
 * sure?"). Those are the evaluation's frame, not new content; the piggyback test discounts them.
 *
 * A count-min sketch (2 rows × 4096 counters) of how many recent requests contained each word,
 * halved every `halfLife` requests so the frame follows what the grant sends now. Fixed memory.
 * Count-min only over-counts, so a rare word may now and then pass for frame (a missed novel
 * word), never the reverse.
 */
import { pack, unpackInto } from './persist.js';

const WIDTH = 4096;
const SEED_B = 0x9e3779b9;

export interface FrameState {
  rows: string[];
  total: number;
  sinceHalving: number;
}

export class FrameWords {
  private readonly rows = [new Uint16Array(WIDTH), new Uint16Array(WIDTH)];
  /** Requests counted, decayed like the counters. */
  private total = 0;
  private sinceHalving = 0;

  constructor(
    /** A word is frame once it was in at least this share of recent requests... */
    private readonly share = 0.05,
    /** ...and in at least this many of them. */
    private readonly minRequests = 5,
    private readonly halfLife = 512,
  ) {}

  private slot(row: number, h: number): number {
    const x = row === 0 ? h : Math.imul(h ^ SEED_B, 0x85ebca6b) ^ (h >>> 13);
    return (x >>> 0) % WIDTH;
  }

  /** Estimated number of recent requests that contained the word. */
  count(wordHash: number): number {
    return Math.min(this.rows[0][this.slot(0, wordHash)], this.rows[1][this.slot(1, wordHash)]);
  }

  isFrame(wordHash: number): boolean {
    return this.count(wordHash) >= Math.max(this.minRequests, this.share * this.total);
  }

  /** Counts one request; `distinctWords` are its words, each once. */
  addRequest(distinctWords: Iterable<number>): void {
    for (const h of distinctWords) {
      for (let r = 0; r < 2; r++) {
        const i = this.slot(r, h);
        if (this.rows[r][i] < 0xffff) this.rows[r][i]++;
      }
    }
    this.total++;
    if (++this.sinceHalving >= this.halfLife) {
      this.sinceHalving = 0;
      this.total /= 2;
      for (const row of this.rows) for (let i = 0; i < WIDTH; i++) row[i] >>>= 1;
    }
  }

  save(): FrameState {
    return { rows: this.rows.map(pack), total: this.total, sinceHalving: this.sinceHalving };
  }

  load(s: FrameState): void {
    s.rows.forEach((r, i) => unpackInto(this.rows[i], r));
    this.total = s.total;
    this.sinceHalving = s.sinceHalving;
  }
}
