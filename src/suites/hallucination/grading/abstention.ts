/**
 * A deterministic abstention detector: does a response decline to answer, say it does not know,
 * cannot verify or find the thing asked about, or that it does not seem to exist?
 *
 * It errs towards "attempted" when a hedge is followed (or preceded) by a committed answer:
 * "I'm not sure, but I think it was 1989" answers the question, so it can be wrong, and a
 * fabrication wrapped in a hedge must still count as a fabrication. It reads one response
 * without knowing the question; an answer stated in an earlier sentence and then disowned ("It was
 * founded in 1990. I cannot verify anything further.") is found by the rule scorer, which knows
 * what an answer to the item looks like (see `sentencesBeforeFirstCue`). It does not try to spot
 * an unmarked answer in a later sentence ("I can't find it. It was founded in 1990."); the model
 * grader is the scorer for such cases.
 */

export interface AbstentionResult {
  abstained: boolean;
  /** The abstention phrase found (as written in the response), when there was one. */
  cue?: string;
  /** When a cue was found but the response still committed to an answer: the committing text. */
  commitment?: string;
}

export interface CueMatch {
  label: string;
  /** The matched text from the (lower-cased) response. */
  text: string;
  index: number;
  end: number;
}

const DO_NOT = "(?:don'?t|do not)";
const I_CANNOT =
  "(?:can'?t|cannot|can not|could(?:n'?t| not)|(?:am |was |were )?(?:unable|not able) to|wasn'?t able to)";
const I_AM = "(?:i'?m|i am)";
const DEGREE = '(?:entirely |completely |totally |100% |quite |really |absolutely |fully |very )?';
const NOUN_INFO =
  '(?:information|info|knowledge|data|details|records?|evidence|mentions?|sources?|trace|results?|documentation|answers?|dates?|figures?|numbers?|facts?)';
/** Verbs of knowing, finding and telling: "I can't <verb>" declines. */
const KNOW_VERB =
  '(?:find|locate|identify|verify|confirm|determine|recall|remember|answer|place|name|pin (?:it|that|this)? ?down|think of|speak to|comment on|vouch for|be (?:sure|certain))';

/** Curated abstention phrases: [label, regex source]. Order only matters for the reported cue. */
const CUE_PATTERNS: [string, string][] = [
  ["I don't know", `\\bi ${DO_NOT} know\\b`],
  ['no idea', '\\bno (?:idea|clue)\\b'],
  ['nobody knows', "\\b(?:nobody|no one|no-one) (?:really |actually |truly )?knows\\b"],
  ['unknown', '^(?:unknown|not known|unsure|not sure|dunno|n/a)[.!]?$'],
  ["I can't help with that", `\\bi (?:${I_CANNOT}|won'?t|will not) (?:help|assist) with\\b`],
  ['it is unclear', "\\b(?:it is|it's|its|it remains|that is|that's) (?:not clear|unclear)\\b"],
  ["I'm not sure", `\\b${I_AM} not ${DEGREE}(?:sure|certain|confident)\\b`],
  ["I'm unsure", `\\b${I_AM} unsure\\b`],
  ["I'm not aware of", `\\b${I_AM} not (?:aware|familiar)\\b`],
  ["not something I'm aware of", `\\bnot (?:something|anything|anyone|one) (?:that )?${I_AM} (?:aware of|familiar with)`],
  ['not familiar with', '\\bnot familiar with\\b'],
  ["haven't heard of", "\\b(?:have(?:n'?t| not)|never) (?:ever )?heard of\\b"],
  ["I don't have information", `\\bi ${DO_NOT} have (?:any |enough |much |the |reliable |specific |verified |verifiable |accurate |detailed |access to |up-to-date )*${NOUN_INFO}`],
  ['I have no record', `\\bi have no (?:[\\w-]+ ){0,2}${NOUN_INFO}`],
  ['I lack information', `\\bi lack (?:[\\w-]+ ){0,2}${NOUN_INFO}`],
  ["I couldn't find", `\\bi(?:'m)? ${I_CANNOT} (?:quite )?(?:${KNOW_VERB}|provide (?:[\\w-]+ ){0,2}(?:answer|information|details|figures?|advice|guidance))\\b`],
  ["I don't recall", `\\bi ${DO_NOT} (?:recall|remember|recogni[sz]e)\\b`],
  ["I'm not finding", `\\b${I_AM} not (?:finding|seeing|getting) (?:any|anything)\\b`],
  ['escapes me', '\\b(?:escapes|eludes|escaped|eluded) me\\b|\\b(?:slipped|slips|escaped|escapes) my (?:mind|memory)\\b|\\bdraw(?:ing)? a blank\\b'],
  ["doesn't ring a bell", "\\b(?:doesn'?t|does not|don'?t|do not) ring (?:a|any) bells?\\b"],
  ["I'd be guessing", "\\bi(?:'d| would)(?: only| just| simply)? be (?:guessing|speculating|inventing|making (?:[\\w-]+ )?up)\\b"],
  ['too obscure for me', '\\btoo (?:obscure|specific|niche) for me\\b'],
  ['not one I know of', "(?:\\bnot|n't|\\bno|\\bany) (?:[\\w'-]+ ){0,6}?(?:that )?i(?:'ve| have)? (?:know|heard|recogni[sz]e|come across) of\\b"],
  ["not something I can recall", "(?:\\bnot|n't) (?:something|anything|anyone|one|a name) (?:that )?i (?:can |could )?(?:recall|remember|recogni[sz]e|place|confirm|answer|know)\\b"],
  ['I have nothing on', '\\bi have nothing (?:on|about|for)\\b'],
  ['leave it unanswered', '\\bleave (?:that|this|it)(?: one)? unanswered\\b'],
  ["I don't have that to hand", `\\bi ${DO_NOT} have (?:that|this|the|those|these) (?:[\\w-]+ ){0,2}(?:to hand|on hand|handy|in my head|memori[sz]ed|offhand|available)\\b`],
  ["I can't say", `\\bi(?:'m)? ${I_CANNOT} (?:say|tell)(?: for (?:sure|certain))?\\b`],
  ['unable to confirm', '\\bunable to (?:find|locate|identify|verify|confirm|determine|answer)\\b'],
  ["can't be verified", `\\b(?:${I_CANNOT}|unable to) be (?:verified|confirmed|found|determined)\\b`],
  ["I won't guess", `\\b(?:i(?:'d| would) rather not|i(?:'d| would) prefer not to|i (?:won'?t|will not|${DO_NOT} want to|prefer not to)) (?:guess|speculate|name|hazard|give|offer)\\b`],
  ['no way of knowing', '\\bno way (?:of|to) (?:know|knowing|verify|verifying|tell|telling|confirm|confirming)\\b'],
  ['no information', `\\bno (?:[\\w-]+ ){0,2}${NOUN_INFO}\\b`],
  ["didn't find anything", "\\b(?:did(?:n'?t| not)|does(?:n'?t| not)|do(?:n'?t| not)) (?:find|turn up|return|yield|show|reveal) (?:any|anything)\\b"],
  ['does not appear to exist', "\\b(?:does|do|did)(?:n'?t| not) (?:appear|seem) to (?:exist|be real|be an? (?:real|actual|known))\\b"],
  ['does not exist', "\\b(?:(?:does|do|did)(?:n'?t| not)|(?:may|might|could)(?: not|n'?t)|may well not|probably (?:does|do)(?:n'?t| not)) exist\\b|\\bnever existed\\b|\\b(?:is|are|was)(?: not|n'?t) (?:a )?real\\b"],
  ["I don't think there has been", `\\bi ${DO_NOT} (?:think|believe) (?:that )?there(?: is|'s| are| was| were| has(?: ever)? been| have(?: ever)? been| ever was)\\b`],
  ["I don't think it exists", `\\bi ${DO_NOT} (?:think|believe) (?:that |this |it |such |there(?: is|'s|s)? )?.{0,40}?\\b(?:exists?|is real|existed)\\b`],
  ['appears to be fictional', '\\b(?:appears?|seems?|may|might|could|likely|possibly|probably) (?:to )?(?:be )?(?:an? )?(?:[\\w-]+ )?(?:fictional|fictitious|made[- ]up|fabricated|hypothetical|imaginary|invented)\\b'],
  ['there is no known', "\\bthere(?: is|'s|s| are| was| were)(?: not| no|n'?t)(?: any)? (?:known|such|record|records|information|evidence|data|reliable|notable|documented|widely|publicly|well[- ]known|verifiable|credible)\\b"],
  ['no such', '\\bno such\\b'],
  // Existence denials: "There's no Oxford college by that name", "Verdi didn't write an opera called ...".
  ['none by that name', "(?:\\bno|\\bnever|\\bnot|n't) (?:[\\w'-]+ ){0,6}?(?:called|named|titled|by (?:that|this|the) name|with (?:that|this|the) (?:name|title)|of (?:that|this) name)\\b"],
  ['there is no', "\\bthere(?: is|'s|s| are| was| were| has been| have been)(?: no| not (?:a|an|any)|n'?t (?:a|an|any))\\b"],
  ['not one of the', "\\b(?:isn'?t|is not|aren'?t|are not|wasn'?t|was not) (?:one of|among) the\\b"],
  ['not a recognised', "\\b(?:isn'?t|is not|aren'?t|are not) (?:a|an) (?:[\\w-]+ ){0,2}?(?:standard|recogni[sz]ed|real|valid|known|official|actual|genuine|existing)\\b"],
  ["doesn't have a", "\\b(?:does|do)(?: not|n'?t) have (?:a|an|any)\\b"],
  ['not documented', "\\b(?:(?:is|are|was|were) not|(?:is|are|was|were)n'?t) (?:well |publicly |widely |reliably )?(?:documented|recorded|known)\\b"],
  ['I cannot answer', `\\b(?:i ${I_CANNOT}|i (?:won'?t|will not)|${I_AM} (?:unable|not able) to) (?:answer|respond to)\\b`],
  ['beyond my knowledge', '\\b(?:beyond|outside(?: of)?) (?:the (?:scope|limits) of )?my (?:knowledge|training|information)\\b'],
  ['unknown to me', '\\bunknown to me\\b'],
  ['hard to say', '\\b(?:hard|difficult|impossible) to (?:say|tell|determine|know)\\b'],
];

const CUE_REGEXES = CUE_PATTERNS.map(([label, src]) => ({ label, re: new RegExp(src, 'g') }));

/**
 * Words that introduce a committed answer after (or alongside) a hedge. "but"-like contrasts only
 * count after a hedge in the same sentence: "I don't recall X. In 1978 Y did resign, but over Z"
 * is context after a decline, not a committed answer.
 */
const CONTRAST = /^(?:but|though|although|however|yet)$/;
const COMMIT_MARKERS = new RegExp(
  '\\b(?:but|though|although|however|yet)\\b' +
    "|\\b(?:my (?:best )?guess(?: would be| is)?|if i (?:had|have) to guess|i(?:'d| would) (?:guess|say)" +
    '|i (?:think|believe|suspect|guess|recall|remember)|(?:most )?(?:probably|likely)|possibly|perhaps|maybe' +
    '|it (?:might|may|could) (?:be|have been))\\b',
  'g',
);

/** A tail that redirects, asks for context or calls the thing obscure does not commit to an answer. */
const NON_COMMITTAL = new RegExp(
  '\\b(?:obscure|lesser[- ]known|little[- ]known|niche|misspel\\w*|typo|different name|another name' +
    '|fictional|fictitious|made[- ]up|fabricated|hypothetical|imaginary|invented' +
    "|(?:not|n't) (?:widely|well)|you (?:could|can|might|may|should|would|meant?)|i(?: can| could| would|'d) (?:suggest|recommend)" +
    '|feel free|if you (?:can|could|have|provide|meant)|please|let me know|happy to help|glad to help|check|consult|refer(?:ring)? to' +
    '|look (?:it |this |that )?up|search|clarif\\w*|more context|more details|thinking of|did you mean|you mean|rather than guess)',
);

/** A clause before "but" that only softens a refusal ("I'm sorry, but I don't know"). */
const PREAMBLE = new RegExp(
  '\\b(?:sorry|unfortunately|afraid|apologi[sz]e|wish|(?:like|love|happy|glad|want) to help|search\\w*|look(?:ed)?|tried|check\\w*' +
    '|question|hmm+|honestly|to be honest|admit|familiar|heard|knowledge|training|help|thanks|thank you|interesting)\\b',
);

/** Filler that does not make a clause an answer on its own ("but maybe not"). */
const FILLER = new Set(
  ('i im id it its is was be been that this the a an and or so would could might may say do does ' +
    'think believe guess suspect recall remember maybe perhaps probably likely possibly not sure certain ' +
    'know really either though anyway yes no just about for of to at in on with me my you your here there ' +
    'what which who when where how why answer question exactly definitely').split(' '),
);

/** Lower-case with straight apostrophes and single spaces, so one set of patterns fits all. */
export function canonicalText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02BC\u2032`\u00B4]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every abstention phrase in the text, in order of position. */
export function findAbstentionCues(text: string): CueMatch[] {
  const s = canonicalText(text);
  const found: CueMatch[] = [];
  for (const { label, re } of CUE_REGEXES) {
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      found.push({ label, text: m[0], index: m.index, end: m.index + m[0].length });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return found.sort((a, b) => a.index - b.index || b.end - a.end);
}

export function detectAbstention(response: string): AbstentionResult {
  const s = canonicalText(response);
  if (s === '') return { abstained: true, cue: 'empty response' };
  const cues = findAbstentionCues(s);
  if (cues.length === 0) return { abstained: false };
  const cue = cues[0].text;
  const commitment = findCommitment(s) ?? findAnswerBeforeHedge(s, cues[0]);
  return commitment ? { abstained: false, cue, commitment } : { abstained: true, cue };
}

/** "..., but I think it was 1989": a hedge marker followed by an answer-like clause. */
function findCommitment(s: string): string | null {
  COMMIT_MARKERS.lastIndex = 0;
  for (let m = COMMIT_MARKERS.exec(s); m; m = COMMIT_MARKERS.exec(s)) {
    if (CONTRAST.test(m[0]) && !findAbstentionCuesRaw(s.slice(lastSentenceBreak(s.slice(0, m.index)) + 1, m.index))) continue;
    const tail = clauseAfter(s, m.index + m[0].length);
    if (isCommittedClause(tail)) return `${m[0]} ${tail}`.trim();
  }
  return null;
}

/** "It was founded in 1990, but I can't verify that": an answer, then a hedge, in one sentence. */
function findAnswerBeforeHedge(s: string, first: CueMatch): string | null {
  const before = s.slice(0, first.index);
  const joined = /(?:,|\s[—–-]|[—–]|\b(?:but|though|although|however))\s*$/.exec(before);
  if (!joined) return null;
  const sentenceStart = lastSentenceBreak(before.slice(0, joined.index)) + 1;
  const prefix = before.slice(sentenceStart, joined.index).trim();
  if (PREAMBLE.test(prefix)) return null;
  return isCommittedClause(prefix) ? prefix : null;
}

export function isCommittedClause(clause: string): boolean {
  if (findAbstentionCuesRaw(clause)) return false;
  const words = clause.replace(/[^\p{L}\p{N}' ]+/gu, ' ').split(' ').filter(Boolean);
  const content = words.filter((w) => !FILLER.has(w.replace(/'/g, '')));
  if (content.length === 0) return false;
  // A specific detail (a number) is an answer even when wrapped in "obscure"; otherwise
  // redirects and "it may be an obscure award" are not answers.
  if (/\d/.test(clause)) return true;
  return !NON_COMMITTAL.test(clause);
}

export function findAbstentionCuesRaw(clause: string): boolean {
  return CUE_REGEXES.some(({ re }) => {
    re.lastIndex = 0;
    return re.test(clause);
  });
}

const SENTENCE_END = /(?<!\d)[.!?](?!\d)|[;:\n]/g;

function clauseAfter(s: string, from: number): string {
  SENTENCE_END.lastIndex = from;
  const m = SENTENCE_END.exec(s);
  return s.slice(from, m ? m.index : s.length).replace(/^[\s,]+/, '').trim();
}

function lastSentenceBreak(s: string): number {
  let last = -1;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(s); m; m = SENTENCE_END.exec(s)) last = m.index;
  return last;
}

/**
 * The sentences of a response that come before its first abstention phrase (questions left out):
 * where an answer stated and then disowned ("It was 1984. I cannot verify anything further.") sits.
 */
export function sentencesBeforeFirstCue(response: string): string[] {
  const parts = response.split(/(?<=[.!?])\s+|[;\n]+/).map((p) => p.trim()).filter(Boolean);
  const first = parts.findIndex((p) => findAbstentionCuesRaw(canonicalText(p)));
  if (first <= 0) return [];
  return parts.slice(0, first).filter((p) => !p.endsWith('?'));
}
