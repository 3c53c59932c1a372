import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { UsageError } from '../../core/errors.js';
import { fingerprintFile } from '../monitor/fingerprint.js';
import { readPromptFile } from '../monitor/prompt-file.js';
import { type CommandIo, parseFlags, processIo } from './io.js';

export const GRANT_FINGERPRINT_USAGE = `usage: crosscheck grant fingerprint SUITE_FILE... [--salt HEX] [--out FILE]
Fingerprints an evaluation's prompts so a grantor can declare them with a grant (grant create
--prompts FILE) without being handed their text. Runs locally: no gateway is needed.
  SUITE_FILE...   the evaluation's prompt files (.jsonl, .json, .yaml, .txt)
  --salt HEX      the salt to hash with (default: a new random one, kept in the file)
  --out FILE      where to write the fingerprint file (default: standard output)`;

const options = { salt: { type: 'string' }, out: { type: 'string' } } as const;

export function grantFingerprintCommand(argv: string[]): Promise<number> {
  return grantFingerprint(argv, processIo);
}

export async function grantFingerprint(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, options, 'grant fingerprint');
  if (!positionals.length) throw new UsageError(`grant fingerprint: name at least one suite file\n${GRANT_FINGERPRINT_USAGE}`);
  const texts: string[] = [];
  for (const path of positionals) {
    const source = readPromptFile(path);
    if (!('texts' in source)) throw new UsageError(`grant fingerprint: ${path} is already a fingerprint file`);
    texts.push(...source.texts);
  }
  const file = fingerprintFile([...new Set(texts)], values.salt ?? randomBytes(16).toString('hex'));
  const json = `${JSON.stringify(file)}\n`;
  if (values.out) {
    writeFileSync(values.out, json);
    io.err(`${file.prompts.length} prompts fingerprinted into ${values.out}\n`);
  } else {
    io.out(json);
  }
  return 0;
}
