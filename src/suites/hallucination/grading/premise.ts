/**
 * Detects a response that rejects or corrects a false premise ("Why did Einstein fail maths?"
 * → "He didn't; he excelled at it"). Three kinds of evidence, strongest first:
 *   - `correction`: a phrase the item says a correction would contain, matched as a whole phrase;
 *   - `explicit`: a generic correcting phrase ("actually", "that's a myth", "no evidence");
 *   - `negation`: a plain negation about the world ("did not", "never", "wasn't") — weak, since it
 *     can also appear in an answer that accepts the premise; reported as such so a reader can judge.
 */
import { canonicalText } from './abstention.js';
import { matchAlias } from '../../../scoring/normalize.js';

export type PremiseEvidence = 'correction' | 'explicit' | 'negation';

export interface PremiseResult {
  rejected: boolean;
  cue?: string;
  evidence?: PremiseEvidence;
}

const EXPLICIT = new RegExp(
  [
    '\\bactually\\b',
    '\\bin (?:fact|reality|truth)\\b',
    '\\bmisconceptions?\\b',
    '\\bmyths?\\b',
    '\\burban legend\\b',
    '\\bapocryphal\\b',
    '\\bdebunked\\b',
    '\\b(?:the|this|your|a|false|flawed|mistaken|incorrect) premise\\b',
    '\\b(?:incorrect|mistaken|false|flawed|faulty|wrong|inaccurate) (?:assumption|belief|claim|premise|idea)\\b',
    "\\b(?:is|are|was|were|that's|that is|it's|it is)(?: not|n't) (?:quite |entirely |actually |really )?(?:true|accurate|correct|right|the case)\\b",
    "\\bnot (?:quite |entirely )?(?:true|accurate|the case)\\b",
    "\\b(?:that's|that is|this is|it's|it is|is|was) (?:actually )?(?:false|incorrect|wrong|untrue|a misunderstanding|a common mistake)\\b",
    '\\b(?:there is|there\'s|there was) no (?:[\\w-]+ ){0,2}(?:evidence|record|indication|basis)\\b',
    '\\bno (?:[\\w-]+ ){0,2}evidence\\b',
    '\\bnot aware of any (?:[\\w-]+ ){0,2}evidence\\b',
    '\\bcontrary to\\b',
    '\\b(?:popular|common|widespread|commonly held) (?:belief|myth|claim|misunderstanding)\\b',
    '\\b(?:commonly|widely|often|popularly) (?:believed|claimed|said|thought|repeated|cited)\\b',
    '\\bdid(?: not|n\'t) (?:actually )?(?:happen|occur|take place)\\b',
  ].join('|'),
);

/**
 * Negations about the world. First-person negations ("I didn't find", "I wasn't able") describe the
 * speaker, not the premise, so they do not count.
 */
const NEGATION = new RegExp(
  "(?<!\\b(?:i|we)(?:'ve|'d|'m|'ll)?(?: [\\w']+)? )" +
    "\\b(?:did not|didn't|never|was not|wasn't|were not|weren't|is not|isn't|are not|aren't|does not|doesn't|has not|hasn't|had not|hadn't)\\b" +
    '(?! (?:able|sure|certain|aware|familiar|find|found|know|have (?:any )?information)\\b)',
);

export function detectPremiseRejection(response: string, correctionPhrases: readonly string[] = []): PremiseResult {
  const phrase = matchAlias(response, correctionPhrases);
  if (phrase !== null) return { rejected: true, cue: phrase, evidence: 'correction' };
  const s = canonicalText(response);
  const explicit = EXPLICIT.exec(s);
  if (explicit) return { rejected: true, cue: explicit[0], evidence: 'explicit' };
  const negation = NEGATION.exec(s);
  if (negation) return { rejected: true, cue: negation[0], evidence: 'negation' };
  return { rejected: false };
}
