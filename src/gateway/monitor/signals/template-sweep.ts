/**
 * template_sweep: many off-suite prompts that are one fixed template with a short varying slot,
 * e.g. "Write a detailed answer about {topic}" × 500 topics — the classic way to harvest a
 * model's knowledge of a topic list for distillation.
 *
 * How: each new prompt is compared with the last few off-suite prompts. Two prompts that share
 * a common prefix + suffix of ≥ templateMinChars characters and differ only in a middle of
 * 1..templateMaxSlotWords words give a skeleton "prefix <*> suffix". Of the skeletons a prompt
 * yields, the one already most counted is credited (so "about the history of <*>" does not
 * split the count of "about <*>"). Counts live in a capped table (space-saving eviction), so
 * memory is bounded; only prompts that match no declared suite feed it, because a suite's own
 * items may well be templated (BBQ is).
 */
import { combine, hashString, type Tokens } from '../text.js';
import type { ObservedRequest, SignalDetector, SignalReading } from './signal.js';

/** Words kept from each end of a recent prompt: templates longer than this are not seen. */
const EDGE_WORDS = 200;
/** How many recent off-suite prompts a new one is compared with (interleaved templates). */
const RECENT = 32;
/** Skeletons tracked at once. */
const TABLE = 256;
const SLOT_MARK = hashString('\u0000{slot}\u0000');

/** A recent prompt: its whole word hashes when short, else only its two ends. */
interface Recent {
  hashes: Uint32Array;
  /** character length of each kept word (to measure the template's fixed part). */
  lengths: Uint16Array;
  /** total words in the prompt. */
  length: number;
}

interface Skeleton {
  count: number;
  example: string;
}

interface Candidate {
  key: number;
  templateWords: number;
  prefix: number;
  suffix: number;
}

function keepEnds(tokens: Tokens): Recent {
  const n = tokens.hashes.length;
  const pick = n <= 2 * EDGE_WORDS ? (i: number) => i : (i: number) => (i < EDGE_WORDS ? i : n - 2 * EDGE_WORDS + i);
  const kept = Math.min(n, 2 * EDGE_WORDS);
  const hashes = new Uint32Array(kept);
  const lengths = new Uint16Array(kept);
  for (let i = 0; i < kept; i++) {
    const j = pick(i);
    hashes[i] = tokens.hashes[j];
    lengths[i] = Math.min(65_535, tokens.ends[j] - tokens.starts[j]);
  }
  return { hashes, lengths, length: n };
}

export class TemplateSweepSignal implements SignalDetector {
  readonly signal = 'template_sweep' as const;
  private readonly recent: Recent[] = [];
  private readonly table = new Map<number, Skeleton>();
  private top: Skeleton | undefined;

  constructor(
    private readonly threshold: number,
    private readonly maxSlotWords: number,
    private readonly minTemplateChars: number,
  ) {}

  observe({ tokens, suite }: ObservedRequest): void {
    if (suite.matched || tokens.hashes.length === 0) return;
    const current = keepEnds(tokens);

    let best: Candidate | undefined;
    let bestCount = -1;
    for (const other of this.recent) {
      const sk = this.skeleton(current, other);
      if (!sk) continue;
      const count = this.table.get(sk.key)?.count ?? 0;
      if (count > bestCount || (count === bestCount && best && sk.templateWords < best.templateWords)) {
        best = sk;
        bestCount = count;
      }
    }
    if (best) this.credit(best, tokens);

    this.recent.push(current);
    if (this.recent.length > RECENT) this.recent.shift();
  }

  /** The shared skeleton of two prompts, if they are one template with a short varying slot. */
  private skeleton(a: Recent, b: Recent): Candidate | undefined {
    const maxShared = Math.min(a.hashes.length, b.hashes.length);
    let p = 0;
    while (p < maxShared && a.hashes[p] === b.hashes[p]) p++;
    let s = 0;
    while (p + s < maxShared && a.hashes[a.hashes.length - 1 - s] === b.hashes[b.hashes.length - 1 - s]) s++;
    const slotA = a.length - p - s;
    const slotB = b.length - p - s;
    if (slotA === 0 && slotB === 0) return undefined; // the same prompt again: a repeat, not a sweep
    if (slotA > this.maxSlotWords || slotB > this.maxSlotWords) return undefined;
    let chars = 0;
    let key = hashString('template');
    for (let i = 0; i < p; i++) {
      chars += a.lengths[i] + 1;
      key = combine(key, a.hashes[i]);
    }
    key = combine(key, SLOT_MARK);
    for (let i = a.hashes.length - s; i < a.hashes.length; i++) {
      chars += a.lengths[i] + 1;
      key = combine(key, a.hashes[i]);
    }
    if (chars < this.minTemplateChars) return undefined;
    return { key, templateWords: p + s, prefix: p, suffix: s };
  }

  private credit(sk: Candidate, tokens: Tokens): void {
    let entry = this.table.get(sk.key);
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
      entry = { count: floor, example: templateText(tokens, sk.prefix, sk.suffix) };
      this.table.set(sk.key, entry);
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
      detail: top ? `${top.count} off-suite prompts share the template "${top.example}"` : 'no repeated template seen',
    };
  }

  retained(): number {
    return this.recent.length + this.table.size;
  }
}

/** "prefix {…} suffix" in the prompt's own (lower-cased) text, shortened for messages. */
function templateText(tokens: Tokens, prefix: number, suffix: number): string {
  const n = tokens.hashes.length;
  const head = prefix > 0 ? tokens.text.slice(tokens.starts[0], tokens.ends[prefix - 1]) : '';
  const tail = suffix > 0 ? tokens.text.slice(tokens.starts[n - suffix], tokens.ends[n - 1]) : '';
  const text = [head, '{…}', tail].filter(Boolean).join(' ').replace(/\s+/g, ' ');
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}
