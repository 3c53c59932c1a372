/**
 * How the monitor reads one request against its grant's plan: which declared prompts it
 * carries, what else it carries (the piggyback test), and the text left for the template
 * detector. Computed once per request; every detector shares it.
 *
 * Piggyback: a request that carries a declared item is on plan only if what it carries besides
 * the item is the grant's frame (its repeated wrapper words) or a little rewording. Counted are
 * content words (no function words, nothing with a digit: ids and dates are not content) that
 * are in no matched item and not frame. Outside the item's span they count in full; inside it,
 * only beyond `paraphraseAllowance` × the item's content words (a paraphrase swaps words inside
 * the item). `piggybackMinWords` or more make the request off plan.
 */
import type { TrafficRecord } from '../contracts.js';
import { CONTENT, DIGIT, wordFlags } from './content-words.js';
import type { DeclaredMatch } from './declared-index.js';
import type { DeclaredSet } from './declared-set.js';
import type { FrameWords } from './frame-words.js';
import { ScratchIntSet } from './int-hash.js';
import { type Tokens, tokenize } from './text.js';

/** Words in order, with content / digit flags and character lengths (capped at 255). */
export interface WordRun {
  hashes: Uint32Array;
  flags: Uint8Array;
  lengths: Uint8Array;
}

/** Text for the template detector: what the grantee varies, per stream (user turns, system text). */
export interface TemplateDoc extends WordRun {
  stream: 'user' | 'system';
  /** The k-th word as written (lower-cased), for alert messages. */
  wordAt(k: number): string;
}

export interface RequestView {
  /** Word hashes of the whole prompt: system text, then user turns. */
  words: Uint32Array;
  /** Declared prompts carried, best first (empty when none matched or none are declared). */
  matches: DeclaredMatch[];
  /** 'undeclared' when the plan declares no prompts: nothing to be on or off. */
  plan: 'on' | 'off' | 'undeclared';
  /** Carried a declared item but also `novelWords` of other content (so it is off plan). */
  piggyback: boolean;
  novelWords: number;
  docs: TemplateDoc[];
}

export interface ViewOptions {
  piggybackMinWords: number;
  paraphraseAllowance: number;
  /** User turns after the first assistant turn are written at run time (a simulated user): not judged as carried content. */
  generatedTurns: boolean;
}

interface Segment {
  tokens: Tokens;
  flags: Uint8Array;
  role: 'system' | 'user';
  /** Judged as carried content (false for generated follow-up turns when the plan declares them). */
  judged: boolean;
}

function segmentsOf(record: TrafficRecord, generatedTurns: boolean): Segment[] {
  const seg = (text: string, role: Segment['role'], judged: boolean): Segment => {
    const tokens = tokenize(text);
    return { tokens, flags: wordFlags(tokens), role, judged };
  };
  const out: Segment[] = [];
  const turns = record.userTurns ?? [record.prompt];
  const opening = record.openingTurns ?? turns.length;
  if (record.system) out.push(seg(record.system, 'system', true));
  turns.forEach((t, i) => out.push(seg(t, 'user', !generatedTurns || i < opening)));
  return out;
}

function concat<T extends Uint32Array | Uint8Array>(parts: T[], out: T): T {
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** [start, end) of the span covering the matched items' words in a segment, widened over adjacent function words. */
function itemSpan(s: Segment, declared: DeclaredSet): [number, number] {
  const { hashes } = s.tokens;
  let first = -1;
  let last = -1;
  for (let i = 0; i < hashes.length; i++) {
    if (s.flags[i] & CONTENT && declared.covers(hashes[i])) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) return [0, 0];
  while (first > 0 && !(s.flags[first - 1] & CONTENT)) first--;
  while (last + 1 < hashes.length && !(s.flags[last + 1] & CONTENT)) last++;
  return [first, last + 1];
}

/** [segment, word] pairs in a typed array reused from request to request (one per stream). */
class Pairs {
  at = new Uint32Array(2048);
  length = 0;
  reset(words: number): this {
    if (this.at.length < 2 * words) this.at = new Uint32Array(4 * words);
    this.length = 0;
    return this;
  }
  push(segment: number, word: number): void {
    this.at[this.length++] = segment;
    this.at[this.length++] = word;
  }
}
const USER_REST = new Pairs();
const SYSTEM_REST = new Pairs();

/** Scratch for the request's distinct content words (ScratchIntSet keys are 31-bit: halved hashes). */
const SEEN = new ScratchIntSet();
let distinct = new Uint32Array(1024);

/** The remainder of a stream as a TemplateDoc; undefined when it has no content word. */
function templateDoc(stream: TemplateDoc['stream'], rest: Pairs, segments: Segment[]): TemplateDoc | undefined {
  const n = rest.length / 2;
  const pairs = rest.at;
  const hashes = new Uint32Array(n);
  const flags = new Uint8Array(n);
  const lengths = new Uint8Array(n);
  let content = false;
  for (let k = 0; k < n; k++) {
    const s = segments[pairs[2 * k]];
    const i = pairs[2 * k + 1];
    hashes[k] = s.tokens.hashes[i];
    flags[k] = s.flags[i];
    lengths[k] = Math.min(255, s.tokens.ends[i] - s.tokens.starts[i]);
    content ||= (flags[k] & CONTENT) !== 0;
  }
  if (!content) return undefined;
  const kept = pairs.slice(0, 2 * n); // the scratch buffer is reused by the next request
  const wordAt = (k: number) => {
    const s = segments[kept[2 * k]].tokens;
    const i = kept[2 * k + 1];
    return s.text.slice(s.starts[i], s.ends[i]);
  };
  return { stream, hashes, flags, lengths, wordAt };
}

export function viewRequest(record: TrafficRecord, declared: DeclaredSet, frame: FrameWords, opts: ViewOptions): RequestView {
  const segments = segmentsOf(record, opts.generatedTurns);
  const total = segments.reduce((n, s) => n + s.tokens.hashes.length, 0);
  const one = segments.length === 1 ? segments[0] : undefined;
  const all = one ? one.tokens.hashes : concat(segments.map((s) => s.tokens.hashes), new Uint32Array(total));
  const allFlags = one ? one.flags : concat(segments.map((s) => s.flags), new Uint8Array(total));
  const matches = declared.size ? declared.match(all, allFlags) : [];

  let inside = 0;
  let outside = 0;
  // what is left of each stream once the carried items are cut out: [segment, word] pairs
  const remainder: Record<TemplateDoc['stream'], Pairs> = { user: USER_REST.reset(total), system: SYSTEM_REST.reset(total) };
  SEEN.clear(total);
  if (distinct.length < total) distinct = new Uint32Array(2 * total);
  let nDistinct = 0;
  segments.forEach((s, si) => {
    const { hashes } = s.tokens;
    for (let i = 0; i < hashes.length; i++) if (s.flags[i] & CONTENT && SEEN.add(hashes[i] >>> 1)) distinct[nDistinct++] = hashes[i];
    if (!s.judged) return;
    const [from, to] = matches.length ? itemSpan(s, declared) : [0, 0];
    for (let i = 0; i < hashes.length; i++) {
      const inSpan = i >= from && i < to;
      if (!inSpan) remainder[s.role].push(si, i);
      if ((s.flags[i] & (CONTENT | DIGIT)) !== CONTENT || frame.isFrame(hashes[i])) continue;
      if (matches.length && declared.covers(hashes[i])) continue;
      if (inSpan) inside++;
      else outside++;
    }
  });
  frame.addRequest(distinct.subarray(0, nDistinct));

  const primary = matches[0];
  const novelWords = primary ? outside + Math.max(0, inside - Math.ceil(opts.paraphraseAllowance * primary.contentWords)) : outside + inside;
  const piggyback = primary !== undefined && novelWords >= opts.piggybackMinWords;
  const docs: TemplateDoc[] = [];
  for (const stream of ['user', 'system'] as const) {
    const doc = templateDoc(stream, remainder[stream], segments);
    if (doc) docs.push(doc);
  }
  return {
    words: all,
    matches,
    plan: declared.size === 0 ? 'undeclared' : primary && !piggyback ? 'on' : 'off',
    piggyback,
    novelWords,
    docs,
  };
}
