/**
 * Which words carry content. Paraphrase matching and the piggyback test count content words
 * only: function words ("what", "the", "of") are shared by any two English questions and say
 * nothing about which item a request carries. The list is English; other languages keep all
 * their words as content, which makes matching stricter for them, never looser.
 */
import { hashString, type Tokens } from './text.js';

const STOPWORDS = `a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each either else ever every few for from further get gets
give given go had has have having he her here hers herself him himself his how i if in into is it its itself just kind
let like may me might more most much must my myself neither no nor not now of off often on once one only or other ought
our ours ourselves out over own please rather really said same say says shall she should so some such tell than that the
their theirs them themselves then there these they this those through thus to too under until up upon us very was we
were what whatever when where whether which while who whom whose why will with within without would yes yet you your
yours yourself yourselves s t d ll m re ve don doesn didn isn aren wasn weren won wouldn shouldn couldn can't`
  .split(/\s+/)
  .filter(Boolean);

const STOP = new Set(STOPWORDS.map((w) => hashString(w)));

export function isStopword(wordHash: number): boolean {
  return STOP.has(wordHash);
}

/** Per word of `tokens`: bit 1 = content word, bit 2 = contains a digit (ids, dates, numbers). */
export const CONTENT = 1;
export const DIGIT = 2;

export function wordFlags(tokens: Tokens): Uint8Array {
  const n = tokens.hashes.length;
  const flags = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let f = isStopword(tokens.hashes[i]) ? 0 : CONTENT;
    for (let c = tokens.starts[i]; c < tokens.ends[i]; c++) {
      const code = tokens.text.charCodeAt(c);
      if (code >= 48 && code <= 57) {
        f |= DIGIT;
        break;
      }
    }
    flags[i] = f;
  }
  return flags;
}
