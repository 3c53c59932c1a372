/**
 * A declared prompt as the monitor matches it: its word 3-gram shingles and its content words,
 * each hashed under a key. A grantee who does not want to hand over its items' text sends these
 * fingerprints instead (`crosscheck grant fingerprint`); plain-text declarations are fingerprinted
 * by the gateway with key 0, so both go through one matcher.
 *
 * What a fingerprint hides: shingles are 30-bit hashes of three words, so a list of them does not
 * spell the item out; content words are cut to 12 bits, so each stands for about 25 words of a
 * 100,000-word dictionary (a grantor can list candidates, not read the item). It hides nothing
 * from a grantor who already guesses the item, and every item that is actually sent passes
 * through the grantor's gateway anyway: it keeps items out of sight before they are used.
 */
import { ConfigError } from '../../core/errors.js';
import { CONTENT, wordFlags } from './content-words.js';
import { finalMix, forEachShingle, hashString, tokenize } from './text.js';

export const FINGERPRINT_FORMAT = 'crosscheck-prompt-fingerprints/v1';
/** Content words are kept as 12-bit hashes (see above). */
export const WORD_BITS = 12;
export const WORD_SPACE = 1 << WORD_BITS;
/** Shingle size in words. A prompt shorter than this is one shingle of all its words. */
export const SHINGLE_WORDS = 3;

export interface PromptFingerprint {
  /** Distinct keyed shingle hashes (30 bits). */
  s: number[];
  /** Distinct keyed content-word hashes (12 bits). */
  w: number[];
  /** Word count when the prompt is shorter than a shingle (its one shingle has this many words). */
  n?: number;
}

export interface FingerprintFile {
  format: typeof FINGERPRINT_FORMAT;
  /** Hex salt the hashes were keyed with; the gateway keys requests the same way. */
  salt: string;
  prompts: PromptFingerprint[];
}

/** The 32-bit key of a salt; '' (plain-text declarations) is key 0, i.e. unkeyed. */
export function keyOf(salt: string): number {
  return salt === '' ? 0 : hashString(`crosscheck-fingerprint:${salt}`) | 1;
}

/** A word shingle hash (text.gramHash) under `key`; 30 bits, non-negative. */
export function keyedShingle(gram: number, key: number): number {
  return key === 0 ? gram : finalMix((gram ^ key) >>> 0) >>> 2;
}

/** A word hash (text.hashString) under `key`, cut to WORD_BITS bits. */
export function keyedWord(word: number, key: number): number {
  return finalMix((word ^ key ^ 0x5bd1e995) >>> 0) & (WORD_SPACE - 1);
}

export function fingerprint(text: string, key: number): PromptFingerprint {
  const tokens = tokenize(text);
  const flags = wordFlags(tokens);
  const s = new Set<number>();
  forEachShingle(tokens.hashes, SHINGLE_WORDS, (h) => s.add(keyedShingle(h, key)));
  const w = new Set<number>();
  for (let i = 0; i < tokens.hashes.length; i++) if (flags[i] & CONTENT) w.add(keyedWord(tokens.hashes[i], key));
  const n = tokens.hashes.length;
  return { s: [...s], w: [...w], ...(n > 0 && n < SHINGLE_WORDS ? { n } : {}) };
}

/** A fingerprint file for `texts`, keyed with `salt` (hex). */
export function fingerprintFile(texts: string[], salt: string): FingerprintFile {
  if (!/^[0-9a-f]{16,128}$/i.test(salt)) throw new ConfigError('a fingerprint salt must be 16-128 hex digits');
  const key = keyOf(salt);
  return { format: FINGERPRINT_FORMAT, salt, prompts: texts.map((t) => fingerprint(t, key)) };
}

const isHash = (v: unknown, max: number) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < max;

/** Checks a parsed fingerprint file; throws a one-line ConfigError naming what is wrong. */
export function checkFingerprintFile(raw: unknown, source: string): FingerprintFile {
  const f = raw as Partial<FingerprintFile> | null;
  if (!f || typeof f !== 'object' || f.format !== FINGERPRINT_FORMAT) throw new ConfigError(`${source}: not a ${FINGERPRINT_FORMAT} file`);
  if (typeof f.salt !== 'string' || !/^[0-9a-f]{16,128}$/i.test(f.salt)) throw new ConfigError(`${source}: salt must be 16-128 hex digits`);
  if (!Array.isArray(f.prompts)) throw new ConfigError(`${source}: prompts must be a list`);
  f.prompts.forEach((p, i) => {
    const ok =
      p && typeof p === 'object' && Array.isArray(p.s) && Array.isArray(p.w) &&
      p.s.every((h) => isHash(h, 2 ** 30)) && p.w.every((h) => isHash(h, WORD_SPACE)) &&
      (p.n === undefined || (Number.isInteger(p.n) && p.n >= 1 && p.n < SHINGLE_WORDS));
    if (!ok) throw new ConfigError(`${source}: prompts[${i}] is not a fingerprint ({ s: 30-bit hashes, w: ${WORD_BITS}-bit hashes })`);
  });
  return { format: FINGERPRINT_FORMAT, salt: f.salt, prompts: f.prompts as PromptFingerprint[] };
}
