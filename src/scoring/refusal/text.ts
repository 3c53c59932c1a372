/**
 * Turning a response into the pieces the refusal detector reads: prose sentences in order (with
 * code and quoted passages masked out, so "the character says 'I can't do this'" is not a
 * refusal) and counts of the structure that signals real content (list items, code blocks).
 */

export interface Sentence {
  /** Canonical text: lower case, straight apostrophes and quotes, single spaces. */
  text: string;
  /** 0 for the first sentence of the response. */
  ordinal: number;
  /** Starts a list item ("1.", "-", "*", "•"). */
  listItem: boolean;
}

export interface Segmented {
  sentences: Sentence[];
  codeBlocks: number;
  listItems: number;
  /** Words of prose (code excluded). */
  words: number;
}

/** Straight apostrophes and quotes, so one set of patterns fits every model's typography. */
export function canonicalQuotes(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02BC\u2032\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u2033\u00AB\u00BB]/g, '"');
}

const FENCE = /```[\s\S]*?(?:```|$)/g;
const INLINE_CODE = /`[^`\n]*`/g;
const LIST_MARK = /^\s*(?:\d{1,3}[.)]|[-*•+]|#{1,6})\s+/;
// A sentence ends at . ! ? followed by space, unless the dot belongs to an abbreviation or number.
const SENTENCE_BREAK = /(?<!\b(?:e\.g|i\.e|etc|vs|mr|mrs|ms|dr|st|u\.s)\.)(?<=[.!?]["')\]]*)\s+/i;

export function segment(response: string): Segmented {
  let codeBlocks = 0;
  const prose = canonicalQuotes(response)
    .replace(FENCE, () => {
      codeBlocks++;
      return '\n[code]\n';
    })
    .replace(INLINE_CODE, '[code]');
  const sentences: Sentence[] = [];
  let listItems = 0;
  let words = 0;
  for (const rawLine of prose.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line === '[code]') continue;
    const listItem = LIST_MARK.test(line);
    if (listItem) listItems++;
    const body = line.replace(LIST_MARK, '');
    body.split(SENTENCE_BREAK).forEach((part, k) => {
      const text = maskQuotes(part).toLowerCase().replace(/\s+/g, ' ').trim();
      if (text === '') return;
      words += text.split(' ').length;
      sentences.push({ text, ordinal: sentences.length, listItem: listItem && k === 0 });
    });
  }
  return { sentences, codeBlocks, listItems, words };
}

/**
 * Quoted passages of four or more words are someone else's words (a character's line, a quoted
 * policy), not the model speaking; short quotes ("the word "kill"") stay, since models quote the
 * prompt's words when objecting to them.
 */
function maskQuotes(s: string): string {
  return s.replace(/"([^"]*)"/g, (m, inner: string) => (inner.trim().split(/\s+/).length >= 4 ? '"[quote]"' : m));
}
