/**
 * Can a rule grader, which reads English, read this response at all? Mostly non-Latin script, or
 * a Latin-script answer whose function words are another language's, cannot be checked for
 * negation, hedges or declines, so the rule grader leaves it unscored (a judge can read it).
 *
 * Hand-written rather than a language identifier: franc-min 6.2.0 called 40 of the 367 English
 * answers in the grader set something else (short answers like "Triton." carry no signal), which
 * would have sent 11% of readable answers to `unscored`; counting function words does not.
 */

/** Common English function words. */
const ENGLISH = new Set(
  ('the a an of in on at to is was are were be been it its this that and or but not no by for with as from ' +
    'i you he she they we his her their my your which who what when where there here than then so if do does did ' +
    'has have had can could would should will may might about after before into over also only just').split(' '),
);

/** Function words of the other languages models most often answer in, absent from English text. */
const FOREIGN = new Set(
  ('le la les des du une est et pas ce cette je ne sont dans avec pour qui que aux au sur ' + // French
    'el los las es son una con por del lo al se sé su sus muy pero fue está están también ' + // Spanish
    'der die das und ist nicht ich ein eine mit von zu dem den wurde wurden sie auch ' + // German
    'il di della delle degli che è sono non per un una gli nel ' + // Italian
    'não os em com uma foi são ' + // Portuguese
    'het een niet ik zijn van en ' + // Dutch
    'och är inte jag av för med').split(' '), // Swedish
);

export interface Readability {
  readable: boolean;
  reason?: string;
}

export function readability(text: string): Readability {
  const letters = [...text.matchAll(/\p{L}/gu)].length;
  if (letters === 0) return { readable: true };
  const latin = [...text.matchAll(/\p{Script=Latin}/gu)].length;
  if (latin / letters < 0.5) {
    return { readable: false, reason: `response is mostly in a non-Latin script (${scriptName(text)}); the rule grader reads English only` };
  }
  const words = text.toLowerCase().normalize('NFC').match(/[\p{L}']+/gu) ?? [];
  let english = 0;
  let foreign = 0;
  for (const w of words) {
    const bare = w.replace(/^'+|'+$/g, '').replace(/^(?:l|d|n|qu|c|j|s)'/, '');
    if (ENGLISH.has(bare)) english++;
    else if (FOREIGN.has(bare)) foreign++;
  }
  if (foreign >= 2 && foreign > english) {
    return { readable: false, reason: 'response appears not to be in English; the rule grader reads English only' };
  }
  return { readable: true };
}

function scriptName(text: string): string {
  const scripts: [string, RegExp][] = [
    ['Han', /\p{Script=Han}/u], ['Hiragana/Katakana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u], ['Hangul', /\p{Script=Hangul}/u],
    ['Cyrillic', /\p{Script=Cyrillic}/u], ['Greek', /\p{Script=Greek}/u], ['Arabic', /\p{Script=Arabic}/u],
    ['Hebrew', /\p{Script=Hebrew}/u], ['Devanagari', /\p{Script=Devanagari}/u], ['Thai', /\p{Script=Thai}/u],
  ];
  return scripts.find(([, re]) => re.test(text))?.[0] ?? 'another script';
}
