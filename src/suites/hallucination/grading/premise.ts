/**
 * Reads a response to a question built on a false premise ("Why did Einstein fail maths?"):
 * does it reject the premise, restate it as true, or neither? Evidence of rejection, strongest first:
 *   - `correction`: a phrase the item says only a correcting answer contains, matched as a whole
 *     phrase and not negated ("not an even number" does not say zero is even);
 *   - `explicit`: a generic correcting phrase ("that's a myth", "there is no evidence", "is not true");
 *   - `negated premise`: a clause that restates the premise with a negation ("Sydney has never been
 *     the capital"), or a bare "He didn't." / "They don't.".
 * Weak evidence — a negation elsewhere ("...it was not an accident"), or "actually" / "in fact" — is
 * reported apart: it also appears in answers that accept the premise, so it decides nothing.
 * Acceptance is a clause that restates the premise (its subject and at least half its content
 * words) with no negation on it and no framing ("the idea that", "myth").
 */
import { findAliasSpans, normalizeTokens, tokenSpans } from '../../../scoring/normalize.js';
import { canonicalText } from './abstention.js';
import { clauses, NEGATORS, negatedBefore, partAt, type Part } from './text-parts.js';

export type PremiseEvidence = 'correction' | 'explicit' | 'negated premise';

export interface PremiseResult {
  /** Strong evidence of rejection was found. */
  rejected: boolean;
  cue?: string;
  evidence?: PremiseEvidence;
  /** A clause that restates the premise as true, when one was found. */
  accepted?: string;
  /** Weak evidence only (a negation or "actually" that may not concern the premise). */
  weak?: string;
}

const EXPLICIT = new RegExp(
  [
    '\\bmisconceptions?\\b',
    '\\bmyths?\\b',
    '\\burban legend\\b',
    '\\bapocryphal\\b',
    '\\bdebunked\\b',
    '\\b(?:the|this|that|your|a|false|flawed|mistaken|incorrect) premise\\b',
    '\\b(?:premise|assumption|claim|question) (?:is|was) (?:mistaken|false|wrong|incorrect|flawed|not (?:true|correct|accurate))\\b',
    '\\b(?:incorrect|mistaken|false|flawed|faulty|wrong|inaccurate) (?:assumption|belief|claim|premise|idea)\\b',
    "\\b(?:is|are|was|were|that's|that is|it's|it is)(?: not|n't) (?:quite |entirely |actually |really )?(?:true|accurate|correct|right|the case)\\b",
    "\\bnot (?:quite |entirely )?(?:true|accurate|the case)\\b",
    "\\b(?:that's|that is|this is|it's|it is) (?:actually )?(?:false|incorrect|wrong|untrue|a misunderstanding|a common mistake)\\b",
    '\\b(?:there is|there\'s|there was) no (?:[\\w-]+ ){0,2}(?:evidence|record|indication|basis)\\b',
    '\\bno (?:[\\w-]+ ){0,2}evidence\\b',
    '\\bnot aware of any (?:[\\w-]+ ){0,2}evidence\\b',
    '\\bcontrary to\\b',
    '\\b(?:popular|common|widespread|commonly held) (?:belief|myth|claim|misunderstanding)\\b',
    '\\bdid(?: not|n\'t) (?:actually )?(?:happen|occur|take place)\\b',
    "\\b(?:never|not|n't) (?:actually )?happened\\b",
  ].join('|'),
);

/** Emphasis that often opens a correction but also opens an answer that accepts the premise. */
const WEAK_EXPLICIT = /\b(?:actually|in (?:fact|reality|truth))\b/;

/** "He didn't." / "They don't —": a bare negated reply about the premise's subject. */
const BARE_DENIAL = /^(?:no[,.!]?\s*)?(?:he|she|it|they|that|this|there)\s+(?:did|does|do|was|is|were|are|has|had|have)(?:n't| not)(?:\s+(?:actually|really|ever))?[.!,]?$/;

/** Words that make a restatement reported speech, not an assertion. */
const FRAME = /\b(?:myths?|misconceptions?|misunderstanding|mistaken|false|untrue|incorrect|wrong|premise|assum\w*|idea|belief|believed|claims?|claimed|notion|contrary|legend|apocryphal|said|reportedly|supposedly|rumou?rs?|thinking of|confus\w*|commonly|popularly|often)\b/;

const STOP = new Set('the a an of in on at to is was are were be been being by for with as from and or its it his her their has have had that this which who did does do into'.split(' '));

/**
 * First-person negations ("I didn't find", "I wasn't able") describe the speaker, not the premise.
 */
const NEGATION = new RegExp(
  "(?<!\\b(?:i|we)(?:'ve|'d|'m|'ll)?(?: [\\w']+)? )" +
    "\\b(?:did not|didn't|never|was not|wasn't|were not|weren't|is not|isn't|are not|aren't|does not|doesn't|has not|hasn't|had not|hadn't|not)\\b" +
    '(?! (?:able|sure|certain|aware|familiar|find|found|know|have (?:any )?information)\\b)',
);

export function detectPremiseRejection(response: string, correctionPhrases: readonly string[] = [], premise?: string): PremiseResult {
  const s = canonicalText(response);
  const parts = clauses(s);
  const strong = strongEvidence(s, parts, correctionPhrases, premise);
  // A clause after a rejection ("That premise is mistaken. Napoleon lost at Waterloo.") states the
  // truth in the premise's words; only one before any rejection can assert the premise.
  const before = strong ? strong.at : s.length;
  const accepted = premise ? acceptingClause(s, parts.filter((p) => p.start < before), premise) : undefined;
  if (strong) return { rejected: true, cue: strong.cue, evidence: strong.evidence, ...(accepted ? { accepted } : {}) };
  const weak = WEAK_EXPLICIT.exec(s)?.[0] ?? NEGATION.exec(s)?.[0];
  return { rejected: false, ...(accepted ? { accepted } : {}), ...(weak ? { weak } : {}) };
}

/** The strongest evidence of a rejection, and where the first piece of such evidence starts. */
function strongEvidence(s: string, parts: Part[], phrases: readonly string[], premise?: string): { cue: string; evidence: PremiseEvidence; at: number } | null {
  const found: { cue: string; evidence: PremiseEvidence; at: number }[] = [];
  for (const hit of findAliasSpans(s, phrases)) {
    const phraseNegates = normalizeTokens(hit.alias).some((t) => NEGATORS.has(t));
    const part = partAt(parts, hit.start);
    if (phraseNegates || !part || negatedBefore(part, hit.start, 3) === null) {
      found.push({ cue: hit.alias, evidence: 'correction', at: hit.start });
      break;
    }
  }
  const explicit = EXPLICIT.exec(s);
  if (explicit) found.push({ cue: explicit[0], evidence: 'explicit', at: explicit.index });
  for (const part of parts) {
    if (BARE_DENIAL.test(part.text) || (premise && restates(part.text, premise) && negationOnPremise(part.text, premise))) {
      found.push({ cue: part.text, evidence: 'negated premise', at: part.start });
      break;
    }
  }
  if (found.length === 0) return null;
  // Report the strongest kind (a correction phrase, then an explicit cue, then a denial), located at the earliest of them.
  const at = Math.min(...found.map((f) => f.at));
  return { ...found[0], at };
}

/** A clause that asserts the premise: it restates it, is not negated, and does not report it as a myth or claim. */
function acceptingClause(s: string, parts: Part[], premise: string): string | undefined {
  const asked = (p: Part) => /^\s*\?/.test(s.slice(p.end));
  return parts.find((p) => !asked(p) && restates(p.text, premise) && !negationOnPremise(p.text, premise) && !FRAME.test(p.text))?.text;
}

/** The clause names the premise's subject and at least half of its content words. */
function restates(clause: string, premise: string): boolean {
  const { subject, content } = premiseWords(premise);
  const have = new Set(tokenSpans(clause).map((t) => stem(t.token)));
  if (!subject.some((w) => have.has(w))) return false;
  const hits = content.filter((w) => have.has(w)).length;
  return hits >= Math.max(2, Math.ceil(content.length / 2));
}

/**
 * A negation followed, within four words, by one of the premise's words: the premise is denied.
 * A premise that is itself negative ("the Ninth has no vocal parts") is denied only by a further negation.
 */
function negationOnPremise(clause: string, premise: string): boolean {
  const { content } = premiseWords(premise);
  const words = new Set(content);
  const tokens = tokenSpans(clause).map((t) => t.token);
  const own = normalizeTokens(premise).filter((t) => NEGATORS.has(t)).length;
  const denials = tokens.filter((t, i) => NEGATORS.has(t) && tokens.slice(i + 1, i + 5).some((u) => words.has(stem(u)))).length;
  return denials > own;
}

function premiseWords(premise: string): { subject: string[]; content: string[] } {
  const content = normalizeTokens(premise).filter((t) => !STOP.has(t)).map(stem);
  const names = premise.match(/\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*)*/u)?.[0];
  const subject = names ? normalizeTokens(names).filter((t) => !STOP.has(t)).map(stem) : content.slice(0, 1);
  return { subject: subject.length ? subject : content.slice(0, 1), content };
}

/** A light stem so "sank"/"sank", "capitals"/"capital", "Australia's"/"Australia" meet. */
function stem(token: string): string {
  return token.length > 4 ? token.replace(/(?:ing|ed|es|s)$/, '') : token;
}
