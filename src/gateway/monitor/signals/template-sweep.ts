/**
 * template_sweep: how many texts a grantee sent that are one template with a short varying slot,
 * e.g. "Write a detailed answer about {topic}" × 500 topics, the classic way to harvest a topic
 * list for distillation. Kept per grantee, across all its grants.
 *
 * What it reads: what the grantee varies. The user turns and the system text are separate
 * streams (a fixed system prompt over short varied probes is a frame, not a template), and
 * declared items carried by a request are cut out first (so a template carried *beside* an item
 * is still seen, and a wrapper around items is one repeated text, not a sweep).
 *
 * How: each new text is compared with near neighbours among the last `window` texts, found by
 * MinHash LSH over word pairs and content words (lsh-window.ts), so templates in rotation,
 * random leading or trailing words and a short fixed part do not hide it. Each neighbour pair
 * gives a skeleton (template-skeleton.ts); the one already most counted is credited, in a
 * table of 256 skeletons (space-saving eviction). An exact repeat of a recent text is not a sweep.
 */
import { CONTENT } from '../content-words.js';
import { LshWindow, type LshState, addFeature, emptySignature } from '../lsh-window.js';
import { pack, unpackInto } from '../persist.js';
import type { TemplateDoc } from '../request-view.js';
import { KEEP, type Kept, type Skeleton, type SkeletonRules, keptIndex, skeletonOf } from '../template-skeleton.js';
import { combine, gramHash, hashString } from '../text.js';
import type { SignalReading } from './signal.js';

const TABLE = 256;
/** Neighbours aligned per text. */
const NEIGHBOURS = 12;
const STREAM_TAG = { user: hashString('stream:user'), system: hashString('stream:system') } as const;

interface Entry {
  count: number;
  example: string;
}

export interface TemplateState {
  /** Absent while the grantee has sent nothing to judge. */
  window?: { lsh: LshState; n: string; stream: string; fingerprints: string; words: string; flags: string; lengths: string };
  table: [number, number, string][];
}

/** The last `window` texts: about 600 KB for 1024, so it is only made once a grantee sends text to judge. */
class Window {
  readonly lsh: LshWindow;
  readonly n: Uint32Array;
  readonly stream: Uint8Array;
  /** Exact-text hash per slot, and the newest slot per hash: repeats of recent texts. */
  readonly fingerprints: Uint32Array;
  readonly recent = new Map<number, number>();
  readonly words: Uint32Array;
  readonly flags: Uint8Array;
  readonly lengths: Uint8Array;
  /** One view moved from slot to slot while a text is compared with its neighbours. */
  slotView: Kept | undefined;

  constructor(readonly size: number) {
    this.lsh = new LshWindow(size);
    this.n = new Uint32Array(size);
    this.stream = new Uint8Array(size);
    this.fingerprints = new Uint32Array(size);
    this.words = new Uint32Array(size * KEEP);
    this.flags = new Uint8Array(size * KEEP);
    this.lengths = new Uint8Array(size * KEEP);
  }
}

export class TemplateSweepSignal {
  readonly signal = 'template_sweep' as const;
  private w: Window | undefined;
  private readonly table = new Map<number, Entry>();
  private top: Entry | undefined;
  private readonly rules: SkeletonRules;

  constructor(
    private readonly threshold: number,
    rules: SkeletonRules,
    readonly window = 1024,
  ) {
    this.rules = rules;
  }

  observe(doc: TemplateDoc): void {
    const w = (this.w ??= new Window(this.window));
    const tag = STREAM_TAG[doc.stream];
    const current = keep(doc);
    let exact = combine(tag, doc.hashes.length);
    for (const h of doc.hashes) exact = combine(exact, h);
    const seen = w.recent.get(exact);
    if (seen !== undefined && w.fingerprints[seen] === exact && w.n[seen] > 0) return;

    const sig = signature(current, tag);
    // Of the skeletons the neighbours give, the most counted; at equal counts the most general
    // (fewest fixed words), so "about the history of {…}" does not split the count of "about {…}".
    let best: (Skeleton & { count: number; fixed: number }) | undefined;
    for (const slot of w.lsh.candidates(sig, NEIGHBOURS)) {
      if (w.stream[slot] !== (doc.stream === 'user' ? 0 : 1)) continue;
      const sk = skeletonOf(current, this.kept(w, slot), this.rules, tag);
      if (!sk) continue;
      const count = this.table.get(sk.key)?.count ?? 0;
      const fixed = sk.prefix[1] - sk.prefix[0] + sk.suffix[1] - sk.suffix[0];
      if (!best || count > best.count || (count === best.count && fixed < best.fixed)) best = { ...sk, count, fixed };
    }
    if (best) this.credit(best.key, () => example(doc, best!.prefix, best!.suffix));

    const slot = w.lsh.insert(sig);
    if (w.n[slot] > 0 && w.recent.get(w.fingerprints[slot]) === slot) w.recent.delete(w.fingerprints[slot]);
    w.n[slot] = current.n;
    w.stream[slot] = doc.stream === 'user' ? 0 : 1;
    w.fingerprints[slot] = exact;
    w.recent.set(exact, slot);
    w.words.set(current.words.subarray(0, Math.min(current.n, KEEP)), slot * KEEP);
    w.flags.set(current.flags.subarray(0, Math.min(current.n, KEEP)), slot * KEEP);
    w.lengths.set(current.lengths.subarray(0, Math.min(current.n, KEEP)), slot * KEEP);
  }

  private kept(w: Window, slot: number): Kept {
    const k = (w.slotView ??= { n: 0, at: 0, words: w.words, flags: w.flags, lengths: w.lengths });
    k.n = w.n[slot];
    k.at = slot * KEEP;
    return k;
  }

  private credit(key: number, describe: () => string): void {
    let entry = this.table.get(key);
    if (!entry) {
      let floor = 0;
      if (this.table.size >= TABLE) {
        // space-saving: replace the least-counted skeleton and inherit its count as an upper bound
        let minKey = 0;
        let min = Infinity;
        for (const [k, v] of this.table) if (v.count < min) [min, minKey] = [v.count, k];
        this.table.delete(minKey);
        floor = min;
      }
      entry = { count: floor, example: describe() };
      this.table.set(key, entry);
    }
    entry.count++;
    if (!this.top || entry.count > this.top.count) this.top = entry;
  }

  read(): SignalReading {
    const top = this.top;
    return {
      signal: this.signal,
      value: top?.count ?? 0,
      threshold: this.threshold,
      enabled: true,
      ready: true,
      detail: top ? `${top.count} texts share the template "${top.example}"` : 'no repeated template seen',
    };
  }

  retained(): number {
    return Math.min(this.w?.lsh.inserted ?? 0, this.window) + this.table.size;
  }

  save(): TemplateState {
    const w = this.w;
    return {
      window: w && {
        lsh: w.lsh.save(),
        n: pack(w.n),
        stream: pack(w.stream),
        fingerprints: pack(w.fingerprints),
        words: pack(w.words),
        flags: pack(w.flags),
        lengths: pack(w.lengths),
      },
      table: [...this.table].map(([k, e]) => [k, e.count, e.example]),
    };
  }

  load(s: TemplateState): void {
    if (s.window) {
      const w = (this.w = new Window(this.window));
      w.lsh.load(s.window.lsh);
      unpackInto(w.n, s.window.n);
      unpackInto(w.stream, s.window.stream);
      unpackInto(w.fingerprints, s.window.fingerprints);
      unpackInto(w.words, s.window.words);
      unpackInto(w.flags, s.window.flags);
      unpackInto(w.lengths, s.window.lengths);
      for (let slot = 0; slot < this.window; slot++) if (w.n[slot] > 0) w.recent.set(w.fingerprints[slot], slot);
    }
    this.table.clear();
    this.top = undefined;
    for (const [k, count, example] of s.table) {
      const e = { count, example };
      this.table.set(k, e);
      if (!this.top || count > this.top.count) this.top = e;
    }
  }
}

/** The document as kept: all its words, or its first and last KEEP/2. */
function keep(doc: TemplateDoc): Kept {
  const n = doc.hashes.length;
  const len = Math.min(n, KEEP);
  const d: Kept = { n, at: 0, words: new Uint32Array(len), flags: new Uint8Array(len), lengths: new Uint8Array(len) };
  for (let i = 0; i < n; i++) {
    const k = keptIndex(d, i);
    if (k < 0) continue;
    d.words[k] = doc.hashes[i];
    d.flags[k] = doc.flags[i];
    d.lengths[k] = doc.lengths[i];
  }
  return d;
}

/** MinHash of the kept words' pairs and content words, in the stream's own hash space. */
function signature(d: Kept, tag: number): Uint32Array {
  const sig = emptySignature();
  const len = d.words.length;
  for (let k = 0; k < len; k++) {
    if (d.flags[k] & CONTENT) addFeature(sig, combine(tag, d.words[k]));
    if (k + 1 < len) addFeature(sig, combine(tag, gramHash(d.words, k, 2)));
  }
  return sig;
}

/** "prefix {…} suffix" in the text's own (lower-cased) words, shortened for messages. */
function example(doc: TemplateDoc, prefix: [number, number], suffix: [number, number]): string {
  const part = ([from, to]: [number, number]) => Array.from({ length: to - from }, (_, i) => doc.wordAt(from + i)).join(' ');
  const text = [part(prefix), '{…}', part(suffix)].filter(Boolean).join(' ');
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}
