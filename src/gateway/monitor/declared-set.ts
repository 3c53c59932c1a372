/**
 * Every prompt a grant declared, whatever form it came in: plain texts (suites Crosscheck ships,
 * suite files) fingerprinted here with key 0, and fingerprint files a grantee made under its own
 * salt. One DeclaredIndex per key; prompts are numbered across all of them in order.
 */
import { DeclaredIndex, type DeclaredIndexOptions, type DeclaredMatch } from './declared-index.js';
import { type FingerprintFile, fingerprint, keyOf, keyedWord } from './fingerprint.js';

export class DeclaredSet {
  readonly size: number;
  private readonly parts: { index: DeclaredIndex; offset: number }[] = [];
  /** Per part, after match(): the content words of the prompts it matched, one bit each. */
  private readonly covered: Uint32Array[] = [];
  private matchedAny = false;

  constructor(texts: readonly string[], files: readonly FingerprintFile[], options: DeclaredIndexOptions = {}) {
    const byKey = new Map<number, FingerprintFile['prompts']>();
    if (texts.length) byKey.set(0, texts.map((t) => fingerprint(t, 0)));
    for (const f of files) {
      const key = keyOf(f.salt);
      byKey.set(key, [...(byKey.get(key) ?? []), ...f.prompts]);
    }
    let offset = 0;
    for (const [key, prints] of byKey) {
      this.parts.push({ index: new DeclaredIndex(key, prints, options), offset });
      this.covered.push(new Uint32Array(128));
      offset += prints.length;
    }
    this.size = offset;
  }

  /** Declared prompts the request carries, best first (indices across the whole set). */
  match(hashes: Uint32Array, flags: Uint8Array): DeclaredMatch[] {
    const out: DeclaredMatch[] = [];
    this.matchedAny = false;
    this.parts.forEach(({ index, offset }, p) => {
      const bits = this.covered[p];
      bits.fill(0);
      for (const m of index.match(hashes, flags)) {
        out.push({ ...m, index: m.index + offset });
        for (const w of index.wordsOf(m.index)) bits[w >>> 5] |= 1 << (w & 31);
        this.matchedAny = true;
      }
    });
    return out.sort((a, b) => b.score - a.score);
  }

  /** After match(): is this request word (text.hashString) a content word of a matched prompt? */
  covers(wordHash: number): boolean {
    if (!this.matchedAny) return false;
    for (let p = 0; p < this.parts.length; p++) {
      const w = keyedWord(wordHash, this.parts[p].index.key);
      if (this.covered[p][w >>> 5] & (1 << (w & 31))) return true;
    }
    return false;
  }
}
