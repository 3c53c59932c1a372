/**
 * The prompts a grantee declares with a grant, so the monitor can tell its evaluation from other
 * traffic: plain texts (a suite file, read by the CLI), or fingerprints (a grantee who does not
 * hand over its items' text; see monitor/fingerprint.ts). One entry per source. What is kept
 * beside the grant is the texts and fingerprints; the grant itself carries a summary with a
 * digest, which goes into the audit log with the grant's terms.
 */
import { createHash } from 'node:crypto';
import { ConfigError, UsageError } from '../../core/errors.js';
import { type FingerprintFile, checkFingerprintFile } from '../monitor/fingerprint.js';
import type { DeclaredPromptsSummary } from './grant.js';

export type DeclaredPromptsInput = { name: string; texts?: string[]; fingerprints?: FingerprintFile }[];

/** What the gateway keeps beside a grant (store key `prompts:GRANT_ID`). */
export interface StoredPrompts {
  texts: string[];
  fingerprints: FingerprintFile[];
}

/** Most prompts one grant may declare, and longest prompt text: bounds the index built per grant. */
export const MAX_DECLARED_PROMPTS = 200_000;
export const MAX_PROMPT_CHARS = 100_000;

export function promptsKey(grantId: string): string {
  return `prompts:${grantId}`;
}

/** Validates declared prompts; undefined when none are given. Throws a one-line UsageError. */
export function checkDeclaredPrompts(raw: unknown): { prompts: StoredPrompts; summary: DeclaredPromptsSummary } | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) throw new UsageError('declaredPrompts must be a list of { name, texts } or { name, fingerprints }');
  const prompts: StoredPrompts = { texts: [], fingerprints: [] };
  const sources: DeclaredPromptsSummary['sources'] = [];
  raw.forEach((src, i) => {
    const name = typeof src?.name === 'string' && src.name ? src.name : `source ${i + 1}`;
    if (Array.isArray(src?.texts) === (src?.fingerprints !== undefined)) throw new UsageError(`declaredPrompts[${i}] (${name}): give either texts or fingerprints`);
    if (Array.isArray(src.texts)) {
      src.texts.forEach((t: unknown, j: number) => {
        if (typeof t !== 'string' || !t.trim()) throw new UsageError(`declaredPrompts[${i}] (${name}): text ${j + 1} is not a non-empty string`);
        if (t.length > MAX_PROMPT_CHARS) throw new UsageError(`declaredPrompts[${i}] (${name}): text ${j + 1} is longer than ${MAX_PROMPT_CHARS} characters`);
      });
      prompts.texts.push(...(src.texts as string[]));
      sources.push({ name, kind: 'texts', count: src.texts.length });
    } else {
      let file: FingerprintFile;
      try {
        file = checkFingerprintFile(src.fingerprints, `declaredPrompts[${i}] (${name})`);
      } catch (err) {
        throw new UsageError((err as ConfigError).message);
      }
      prompts.fingerprints.push(file);
      sources.push({ name, kind: 'fingerprints', count: file.prompts.length });
    }
  });
  const count = sources.reduce((n, s) => n + s.count, 0);
  if (count === 0) throw new UsageError('declaredPrompts: no prompt given');
  if (count > MAX_DECLARED_PROMPTS) throw new UsageError(`declaredPrompts: ${count} prompts, at most ${MAX_DECLARED_PROMPTS} per grant`);
  const digest = createHash('sha256').update(JSON.stringify(prompts)).digest('hex');
  return { prompts, summary: { count, sources, digest } };
}
