/**
 * Small pieces of reading shared by the rule grader's detectors: sentences and clauses with their
 * place in the text, negation words, and the candidate answers a sentence names.
 */
import { normalizeTokens, tokenSpans } from '../../../scoring/normalize.js';

export interface Part {
  text: string;
  start: number;
  end: number;
}

/** Sentence ends: . ! ? (not inside numbers or initials like "J. S."), ; and line breaks. */
const SENTENCE_BREAK = /(?<![\d\s.]\p{Lu})(?<!\d)[.!?]+(?!\d)|[;\n]+/gu;
/** Clause ends within a sentence: dashes, colons, parentheses and ", but"-style joins. */
const CLAUSE_BREAK = /\s[—–-]+\s|[—–]|:|[()]|,\s*(?=(?:but|though|although|however|whereas|while|yet|rather|instead)\b)|\s(?=(?:but|whereas)\s)/giu;

export function sentences(text: string): Part[] {
  return split(text, SENTENCE_BREAK);
}

export function clauses(text: string): Part[] {
  return sentences(text).flatMap((s) => split(s.text, CLAUSE_BREAK).map((c) => ({ ...c, start: c.start + s.start, end: c.end + s.start })));
}

/** The part of `parts` that holds character `at`. */
export function partAt(parts: readonly Part[], at: number): Part | undefined {
  return parts.find((p) => p.start <= at && at < p.end);
}

function split(text: string, re: RegExp): Part[] {
  const out: Part[] = [];
  let from = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    push(out, text, from, m.index);
    from = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex++;
  }
  push(out, text, from, text.length);
  return out;
}

function push(out: Part[], text: string, from: number, to: number): void {
  const raw = text.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const t = raw.trim();
  if (t) out.push({ text: t, start: from + lead, end: from + lead + t.length });
}

/** Normalised tokens (see normalize.ts) that negate what follows them. */
export const NEGATORS = new Set([
  'not', 'no', 'never', 'neither', 'nor', 'none', 'nobody', 'nothing', 'unlike', 'without',
  'isnt', 'wasnt', 'arent', 'werent', 'dont', 'doesnt', 'didnt', 'hasnt', 'havent', 'hadnt',
  'cant', 'cannot', 'couldnt', 'wont', 'wouldnt', 'shouldnt', 'aint',
]);

/** Two-word negators ("rather than Sydney", "instead of 1989"). */
export const NEGATOR_PAIRS = new Set(['rather than', 'instead of', 'far from', 'other than', 'as opposed']);

/** Does any of the `window` tokens right before character `at` (within `part`) negate? */
export function negatedBefore(part: Part, at: number, window = 3): string | null {
  const before = tokenSpans(part.text.slice(0, at - part.start)).map((t) => t.token);
  const last = before.slice(-window);
  for (let i = last.length - 1; i >= 0; i--) {
    if (NEGATORS.has(last[i])) return last[i];
    if (i > 0 && NEGATOR_PAIRS.has(`${last[i - 1]} ${last[i]}`)) return `${last[i - 1]} ${last[i]}`;
  }
  return null;
}

export function hasNegator(text: string): string | null {
  const tokens = tokenSpans(text).map((t) => t.token);
  for (let i = 0; i < tokens.length; i++) {
    if (NEGATORS.has(tokens[i])) return tokens[i];
    if (i > 0 && NEGATOR_PAIRS.has(`${tokens[i - 1]} ${tokens[i]}`)) return `${tokens[i - 1]} ${tokens[i]}`;
  }
  return null;
}

/** Words that start sentences or carry no name even when capitalised. */
const NOT_NAMES = new Set(
  ('the a an it its it\'s this that these those there here he she they we i you his her their our my your ' +
    'in on at of for to by from with as after before during since until about around near over under ' +
    'and or but so yet if when while although though because however also both either neither ' +
    'is was are were be been has had have do does did can could would should will may might must ' +
    'yes no not sure great good well sorry hmm ah oh okay ok actually answer note many some most ' +
    'im ive id ill youre theyre hes shes thats theres whats heres lets dont doesnt didnt isnt wasnt cant wont ' +
    'sir saint st mr mrs ms dr lady lord king queen pope emperor president prince princess ' +
    'first second third last one two three which who what whose whom where why how ' +
    'sultan general admiral captain prime minister chancellor ad bc ce bce ' +
    'january february march april may june july august september october november december ' +
    'monday tuesday wednesday thursday friday saturday sunday ' +
    // Demonyms and adjectives of place that qualify an answer rather than name another one.
    'english french german dutch greek swiss scottish irish welsh british american russian italian spanish ' +
    'portuguese swedish norwegian danish finnish polish czech austrian hungarian chinese japanese korean indian ' +
    'egyptian roman byzantine ottoman persian mongol mongolian soviet european african asian canadian australian ' +
    'mexican brazilian argentine argentinian belgian flemish nigerian norse catholic christian muslim jewish').split(' '),
);
const NAME_LINKS = new Set(['von', 'van', 'da', 'de', 'del', 'der', 'di', 'du', 'la', 'le', 'of', 'the', 'bin', 'ibn', 'al']);

/**
 * Capitalised word runs that may name an answer ("Casablanca", "Otto von Bismarck"), with their
 * place, skipping words that start sentences ("The", "It") and words the question itself uses.
 */
export function nameSpans(text: string, questionTokens: ReadonlySet<string>): Part[] {
  const words = [...text.matchAll(/[\p{L}\p{M}\p{N}'’.-]+/gu)].map((m) => ({ w: m[0].replace(/[.'’-]+$/, ''), start: m.index }));
  const out: Part[] = [];
  let run: { w: string; start: number }[] = [];
  const flush = () => {
    while (run.length && NAME_LINKS.has(run[run.length - 1].w.toLowerCase())) run.pop();
    while (run.length && !isNameWord(run[0].w, questionTokens)) run.shift();
    const named = run.filter((r) => isNameWord(r.w, questionTokens));
    if (named.length > 0) {
      const first = run[0];
      const last = run[run.length - 1];
      out.push({ text: text.slice(first.start, last.start + last.w.length), start: first.start, end: last.start + last.w.length });
    }
    run = [];
  };
  let prevEnd = -1;
  for (const word of words) {
    if (run.length > 0 && /[^\s]/.test(text.slice(prevEnd, word.start))) flush();
    prevEnd = word.start + word.w.length;
    const capital = /^\p{Lu}/u.test(word.w) || /^\p{N}+\p{Lu}/u.test(word.w);
    if (capital || (run.length > 0 && NAME_LINKS.has(word.w.toLowerCase()))) run.push(word);
    else flush();
  }
  flush();
  return out;
}

function isNameWord(w: string, questionTokens: ReadonlySet<string>): boolean {
  if (!/^\p{Lu}/u.test(w)) return false;
  const lower = w.toLowerCase().replace(/'s$|’s$/, '');
  const tokens = normalizeTokens(lower);
  if (NOT_NAMES.has(lower) || NOT_NAMES.has(tokens.join(''))) return false;
  return tokens.length > 0 && !tokens.every((t) => questionTokens.has(t));
}

/** Numbers written with digits (thousands separators allowed), with their place. */
export function numberSpans(text: string): Part[] {
  return [...text.matchAll(/(?<![\p{L}\d.,])\d{1,3}(?:,\d{3})+(?![\d\p{L}])|(?<![\p{L}\d.,])\d+(?:\.\d+)?(?![\d\p{L}])/gu)].map((m) => ({
    text: m[0].replace(/,/g, ''),
    start: m.index,
    end: m.index + m[0].length,
  }));
}
