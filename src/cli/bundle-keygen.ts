import { existsSync, writeFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';
import { NoteError, generateSignerKey } from '../gateway/audit/signed-note.js';
import { parse } from './args.js';

export const BUNDLE_KEYGEN_USAGE = `crosscheck bundle keygen NAME --out KEYFILE
A new Ed25519 signing key for bundles (C2SP signed-note format), written to KEYFILE readable by
you only; prints the verifier key to publish, which anyone checks your bundles with.`;

export async function bundleKeygenCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { out: { type: 'string' } } as const, 'bundle keygen');
  if (positionals.length !== 1 || !values.out) throw new UsageError('usage: crosscheck bundle keygen NAME --out KEYFILE (NAME: your lab, e.g. lab-b.example)');
  if (existsSync(values.out)) throw new UsageError(`${values.out} already exists: not overwriting a key`);
  let keys;
  try {
    keys = generateSignerKey(positionals[0]);
  } catch (e) {
    throw new UsageError(`bundle keygen: ${(e as NoteError).message}`);
  }
  try {
    writeFileSync(values.out, `${keys.signerKey}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    throw new UsageError(`cannot write ${values.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  process.stdout.write(`signing key written to ${values.out} (keep it secret)\nverifier key (publish it): ${keys.verifierKey}\n`);
  return 0;
}
