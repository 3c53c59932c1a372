/**
 * Reads a response to an answerable question: does it settle on an accepted answer, plainly enough
 * for a rule to say so? An alias in the text is not enough. The reading is `unsure` (and the rule
 * scorer leaves the sample unscored, with the reason) when the alias is negated ("It is not
 * Canberra"), reported as others' belief ("Many credit Bismarck, but..."), offered beside another
 * candidate ("Sydney or Canberra", "van Rossum and Larry Wall"), preceded by another candidate
 * ("Auckland is the capital; Wellington is the largest city"), tied to a different number than the
 * question's ("Fleming, in 1938" for a question about 1928), or when the response corrects itself.
 */
import { findAliasSpans, normalizeTokens, tokenSpans } from '../../../scoring/normalize.js';
import { canonicalText } from './abstention.js';
import { clauses, nameSpans, NEGATORS, negatedBefore, partAt, sentences, type Part } from './text-parts.js';

export type AnswerReading = { kind: 'match'; alias: string } | { kind: 'unsure'; alias: string; reason: string } | { kind: 'none' };

const SELF_CORRECTION =
  /\b(?:no,? wait|wait,? no|wait[,.!]? (?:actually|sorry)|sorry,? (?:i meant|i mean|that's wrong|that is wrong|no\b)|no,? sorry|i meant\b|i mean,|correction:|scratch that|on second thought|i misspoke|let me correct|make that|actually,? no\b|actually,? wait|actually,? i think|hmm+,? actually)|[—–-]\s*no[,!.]/;

/** Words that report a belief rather than assert it, when not said in the first person. */
const FRAME_WORDS = new Set(
  ('credit credits credited think thinks believe believes assume assumes assumed say says said claim claims claimed ' +
    'attribute attributes attributed confuse confused mistake mistaken misattributed myth misconception popularly ' +
    'commonly often wrongly erroneously supposedly rumoured rumored').split(' '),
);
const FIRST_PERSON = new Set(['i', 'we', 'id', 'im', 'ive', 'wed']);

type Span = { start: number; end: number };

export type AnswerType = 'number' | 'name' | 'word';

/** What a candidate answer looks like for this item: its canonical alias decides. */
export function answerType(aliases: readonly string[]): AnswerType {
  const canonical = aliases[0] ?? '';
  if (/^\d[\d,.\s]*$/.test(canonical.trim())) return 'number';
  return /\p{Lu}/u.test(canonical) ? 'name' : 'word';
}

/** Candidate answers of the item's type in `text` that the question does not itself contain. */
export function candidateSpans(text: string, type: AnswerType, question: string): Part[] {
  const qTokens = new Set(normalizeTokens(question));
  if (type === 'name') return nameSpans(text, qTokens);
  if (type === 'number') {
    return tokenSpans(text)
      .filter((t) => /^\d+$/.test(t.token) && !qTokens.has(t.token))
      .map((t) => ({ text: t.token, start: t.start, end: t.end }));
  }
  return [];
}

export function readAnswer(output: string, aliases: readonly string[], question: string): AnswerReading {
  const hits = findAliasSpans(output, aliases);
  if (hits.length === 0) return { kind: 'none' };
  const alias = hits[0].alias;
  const unsure = (reason: string): AnswerReading => ({ kind: 'unsure', alias, reason });
  const overlapsAlias = (p: Span) => hits.some((h) => h.start < p.end && p.start < h.end);

  const corrected = SELF_CORRECTION.exec(canonicalText(output));
  if (corrected) return unsure(`the response corrects itself ("${corrected[0].trim()}")`);

  const parts = clauses(output);
  for (const hit of hits) {
    const part = partAt(parts, hit.start);
    if (!part) continue;
    const neg = negatedBefore(part, hit.start, 3) ?? negatedAfter(part, hit.end);
    if (neg) return unsure(`a negation ("${neg}") stands next to the matched answer "${output.slice(hit.start, hit.end)}"`);
    const frame = framedBefore(part, hit.start);
    if (frame) return unsure(`the matched answer is reported as a belief ("${frame}"), not asserted`);
  }

  const type = answerType(aliases);
  const others = candidateSpans(output, type, question)
    .filter((c) => !overlapsAlias(c))
    .filter((c) => !(type === 'number' && isYear(alias) && !isYear(c.text)));
  const first = [...others, ...hits].sort((a, b) => a.start - b.start)[0];
  if (first && !overlapsAlias(first)) return unsure(`another candidate ("${output.slice(first.start, first.end)}") comes before the accepted answer`);

  for (const sentence of sentences(output)) {
    if (!hits.some((h) => h.start >= sentence.start && h.start < sentence.end)) continue;
    const rivals = others.filter((c) => c.start >= sentence.start && c.end <= sentence.end);
    if (rivals.length > 0 && /\b(?:either|or|and\/or)\b|\w\/\w/i.test(sentence.text)) {
      return unsure(`more than one candidate is offered ("${output.slice(rivals[0].start, rivals[0].end)}" beside the accepted answer)`);
    }
    const joined = rivals.find((r) => hits.some((h) => coordinated(output, h, r)));
    if (joined) return unsure(`another candidate ("${output.slice(joined.start, joined.end)}") is named alongside the accepted answer`);
  }

  const conflict = questionNumberConflict(output, hits[0].start, question);
  if (conflict) return unsure(conflict);
  const swapped = reversedRoles(output, hits[0], question);
  if (swapped) return unsure(swapped);
  return { kind: 'match', alias };
}

const STOP = new Set('which who whom whose what when where why how the a an of in on at to is was were are did does do by for with as from and or'.split(' '));

/**
 * "Spassky defeated Fischer" to "Which American defeated Spassky?": two words adjacent in the
 * question ("defeated Spassky") stand in reverse order before the answer, so the roles may be
 * swapped. A passive answer ("...was defeated by Fischer") keeps the roles and is not flagged.
 */
function reversedRoles(output: string, hit: Span, question: string): string | null {
  const sentence = partAt(sentences(output), hit.start);
  if (!sentence) return null;
  const before = tokenSpans(output.slice(sentence.start, hit.start)).map((t) => t.token);
  if (before[before.length - 1] === 'by') return null;
  const q = normalizeTokens(question).filter((t) => !STOP.has(t));
  for (let i = 0; i + 1 < q.length; i++) {
    const a = before.indexOf(q[i]);
    const b = before.indexOf(q[i + 1]);
    if (a >= 0 && b >= 0 && b < a) return `the question's "${q[i]} ${q[i + 1]}" appears reversed before the answer (roles may be swapped)`;
  }
  return null;
}

/** "Canberra isn't ...": a negation within two words after the alias, with no comma between. */
function negatedAfter(part: Part, end: number): string | null {
  const rest = part.text.slice(end - part.start);
  const next = tokenSpans(rest).slice(0, 2);
  const neg = next.find((t) => NEGATORS.has(t.token));
  if (!neg || /[,;—–]/.test(rest.slice(0, neg.start))) return null;
  return neg.token;
}

function framedBefore(part: Part, at: number): string | null {
  const before = tokenSpans(part.text.slice(0, at - part.start)).map((t) => t.token);
  const i = before.findIndex((t, k) => FRAME_WORDS.has(t) && !FIRST_PERSON.has(before[k - 1] ?? ''));
  return i >= 0 ? before[i] : null;
}

/** "X and Y", "X, Y and Z" with nothing else between the two candidates. */
function coordinated(text: string, a: Span, b: Span): boolean {
  const [left, right] = a.start < b.start ? [a, b] : [b, a];
  return /^\s*(?:,\s*|,?\s+(?:and|&)\s+)$/.test(text.slice(left.end, right.start));
}

function isYear(s: string): boolean {
  return /^\d{3,4}$/.test(s);
}

/**
 * The question names a number (a year, a count) that the answer's sentence leaves out while
 * giving another of the same length: "Fleming discovered it in 1938" to a question about 1928.
 */
function questionNumberConflict(output: string, at: number, question: string): string | null {
  const qNumbers = normalizeTokens(question).filter((t) => /^\d+$/.test(t));
  if (qNumbers.length === 0) return null;
  const sentence = partAt(sentences(output), at);
  if (!sentence) return null;
  const here = tokenSpans(sentence.text).map((t) => t.token).filter((t) => /^\d+$/.test(t));
  for (const q of qNumbers) {
    if (here.includes(q)) continue;
    const other = here.find((n) => n.length === q.length && !qNumbers.includes(n));
    if (other) return `the answer is tied to ${other} where the question says ${q}`;
  }
  return null;
}
