/**
 * Digits written some other way, back to ASCII digits: number words for 0–9 in English, French,
 * Spanish, German, Italian, Portuguese and Dutch, decimal digits of other scripts (Arabic-Indic,
 * Devanagari, fullwidth...), and Chinese / Japanese numerals. Multi-digit number words
 * ("forty-four") are not read.
 */

const WORDS: Record<string, string> = {};
const add = (digit: number, words: string) => { for (const w of words.split(' ')) WORDS[w] = String(digit); };
add(0, 'zero null cero nul nula nulo');
add(1, 'one un une uno una eins ein eine um een');
add(2, 'two deux dos zwei due dois duas twee');
add(3, 'three trois tres drei tre tres drie');
add(4, 'four quatre cuatro vier quattro quatro');
add(5, 'five cinq cinco funf fuenf cinque vijf');
add(6, 'six seis sechs sei zes');
add(7, 'seven sept siete sieben sette sete zeven');
add(8, 'eight huit ocho acht otto oito');
add(9, 'nine neuf nueve neun nove negen');

/** First code point of each script's 0–9 block. */
const ZEROES = [0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xe50, 0xed0, 0xf20, 0x1040, 0x17e0, 0x1810, 0xff10];
const HAN = '零一二三四五六七八九';

/** Lower case without diacritics ("Fünf" → "funf"). */
export function plainLower(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The text with every digit written another way replaced by its ASCII digit (as its own word). */
export function digitsAsAscii(text: string): string {
  const scripts = [...text].map((c) => {
    const cp = c.codePointAt(0)!;
    const zero = ZEROES.find((z) => cp >= z && cp < z + 10);
    if (zero !== undefined) return String(cp - zero);
    const han = c === '〇' ? 0 : HAN.indexOf(c);
    return han >= 0 ? ` ${han} ` : c;
  }).join('');
  return plainLower(scripts).replace(/\p{L}+/gu, (w) => WORDS[w] ?? w);
}
