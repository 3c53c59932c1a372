/**
 * Answer normalisation for short-answer matching (SQuAD / SimpleQA style): two strings that a
 * reader would call "the same answer" should normalise to the same tokens.
 */

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const ARTICLES = new Set(['a', 'an', 'the']);

/** Lower-cased, diacritic-free, punctuation-free tokens with number words as digits. */
export function normalizeTokens(text: string): string[] {
  return numberWordsToDigits(baseTokens(text).map((token) => ({ token, start: 0, end: 0 }))).map((t) => t.token);
}

/** Tokens before number words become digits. */
function baseTokens(text: string): string[] {
  let s = text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  // Apostrophes join a word ("don't", "O'Brien"), so drop them rather than split on them.
  s = s.replace(/['\u2018\u2019\u02BC`\u00B4]/g, '');
  // Thousands separators: "1,000" and "1000" are the same answer.
  s = s.replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
  s = s.replace(/[^\p{L}\p{N}]+/gu, ' ');
  return s.split(' ').filter((w) => w !== '' && !ARTICLES.has(w));
}

/** The normalised answer as one string (tokens joined by single spaces). */
export function normalizeAnswer(text: string): string {
  return normalizeTokens(text).join(' ');
}

/** A normalised token and where its source text sits in the original string. */
export interface TokenSpan {
  token: string;
  start: number;
  end: number;
}

/**
 * The same tokens as normalizeTokens, each with the character range it came from, so a reader can
 * look at what stands next to a match ("not Canberra").
 */
export function tokenSpans(text: string): TokenSpan[] {
  const raw: TokenSpan[] = [];
  const re = /\d{1,3}(?:,\d{3})+(?!\d)|[\p{L}\p{M}\p{N}'\u2018\u2019\u02BC`\u00B4]+/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    for (const token of baseTokens(m[0])) raw.push({ token, start: m.index, end: m.index + m[0].length });
  }
  return numberWordsToDigits(raw);
}

/** Every place an alias occurs (whole words, as matchAlias), as character ranges, in order. */
export function findAliasSpans(response: string, aliases: readonly string[]): { alias: string; start: number; end: number }[] {
  const hay = tokenSpans(response);
  const tokens = hay.map((t) => t.token);
  const found: { alias: string; start: number; end: number }[] = [];
  for (const alias of aliases) {
    const needle = normalizeTokens(alias);
    if (needle.length === 0) continue;
    for (let i = 0; i + needle.length <= tokens.length; i++) {
      if (runAt(tokens, needle, i)) found.push({ alias, start: hay[i].start, end: hay[i + needle.length - 1].end });
    }
  }
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** "twenty one" → "21", "seven" → "7", "forty" → "40"; other tokens unchanged; spans join. */
function numberWordsToDigits(words: TokenSpan[]): TokenSpan[] {
  const out: TokenSpan[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i].token;
    const tens = TENS[w];
    const unit = i + 1 < words.length ? UNITS[words[i + 1].token] : undefined;
    if (tens !== undefined && unit !== undefined && unit >= 1 && unit <= 9) {
      out.push({ token: String(tens + unit), start: words[i].start, end: words[i + 1].end });
      i++;
    } else if (tens !== undefined) {
      out.push({ ...words[i], token: String(tens) });
    } else if (UNITS[w] !== undefined) {
      out.push({ ...words[i], token: String(UNITS[w]) });
    } else {
      out.push(words[i]);
    }
  }
  return out;
}

/**
 * The first alias whose normalised tokens occur as a contiguous whole-word run in the normalised
 * response, or null. Whole words only: "19" does not match "1989", "Paris" does not match "Parish".
 * One allowance: a plural -s/-es on the alias's last word ("mammal" matches "whales are mammals"),
 * since correction phrases are written in the singular and answers are often phrased in the plural.
 */
export function matchAlias(response: string, aliases: readonly string[]): string | null {
  const hay = normalizeTokens(response);
  for (const alias of aliases) {
    const needle = normalizeTokens(alias);
    if (needle.length > 0 && containsRun(hay, needle)) return alias;
  }
  return null;
}

export function aliasMatches(response: string, aliases: readonly string[]): boolean {
  return matchAlias(response, aliases) !== null;
}

function containsRun(hay: string[], needle: string[]): boolean {
  for (let i = 0; i + needle.length <= hay.length; i++) if (runAt(hay, needle, i)) return true;
  return false;
}

function runAt(hay: string[], needle: string[], i: number): boolean {
  const last = needle.length - 1;
  for (let j = 0; j < needle.length; j++) {
    const same = hay[i + j] === needle[j] || (j === last && isPluralOf(hay[i + j], needle[j]));
    if (!same) return false;
  }
  return true;
}

function isPluralOf(word: string, base: string): boolean {
  if (!/^\p{L}+$/u.test(base)) return false; // "1989s" is not "1989"
  return word === `${base}s` || word === `${base}es`;
}
