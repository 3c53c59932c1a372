/**
 * Reading the key and file arguments of the `bundle` commands. Keys are given as the key string
 * or a file holding it; a signer key only ever as a file (argv is visible to every user of the machine).
 */
import { existsSync, readFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';
import { gatewayRoot } from '../models/gateway-evidence.js';
import { NoteError, parseSignerKey, parseVerifierKey, verifierKeyOf, type SignerKey, type VerifierKey } from '../gateway/audit/signed-note.js';

/** `--key` / `--gateway-key`: a verifier key `<name>+<hex id>+<base64>`, or a file holding one. */
export function verifierKeyArg(value: string, flag: string): VerifierKey {
  const text = existsSync(value) ? readFileSync(value, 'utf8').trim() : value.trim();
  try {
    return parseVerifierKey(text);
  } catch (e) {
    throw new UsageError(`--${flag}: ${(e as NoteError).message}`);
  }
}

/** `--sign-key FILE`: the file holding a `PRIVATE+KEY+...` signer key (bundle keygen writes one). */
export function signerKeyFile(file: string): SignerKey {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (e) {
    throw new UsageError(`--sign-key ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    return parseSignerKey(text);
  } catch (e) {
    // The message names the problem, never the key.
    throw new UsageError(`--sign-key ${file}: ${(e as NoteError).message}`);
  }
}

/** A file holding one signed checkpoint note. */
export function checkpointFile(file: string, flag: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`--${flag} ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (!text.includes('\n\n')) throw new UsageError(`--${flag} ${file} does not hold a signed checkpoint note`);
  return text.trimEnd() + '\n';
}

/** `--gateway-key URL=KEY` (repeatable; split at the first "=" after the URL's scheme). */
export function gatewayKeyFlags(values: string[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of values ?? []) {
    const m = /^(https?:\/\/[^=\s]+)=(.+)$/.exec(v);
    if (!m) throw new UsageError(`--gateway-key takes URL=KEY (the gateway's URL and its log's verifier key), got "${v}"`);
    const key = verifierKeyArg(m[2], 'gateway-key');
    out.set(gatewayRoot(m[1]), verifierKeyOf(key));
  }
  return out;
}
