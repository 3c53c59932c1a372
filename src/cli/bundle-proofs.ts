import { existsSync, writeFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';
import { gatewaySource, makeProofs, receiptIndices, writeProofsFile } from '../bundle/leaf-sources.js';
import { readBundle } from '../bundle/read.js';
import { AuditLog } from '../gateway/audit/audit-log.js';
import { gatewayKeyFromEnv } from '../gateway/audit/audit-verify-command.js';
import { peekCheckpoint } from '../gateway/audit/checkpoint.js';
import { JournaledAuditStorage } from '../gateway/audit/journaled-audit-storage.js';
import { openAuditLeaf, type OpenedLeaf } from '../gateway/audit/proof-http.js';
import { generateSignerKey } from '../gateway/audit/signed-note.js';
import { parse } from './args.js';
import { checkpointFile } from './bundle-flags.js';

const options = {
  db: { type: 'string' },
  gateway: { type: 'string' },
  'key-env': { type: 'string' },
  checkpoint: { type: 'string' },
  out: { type: 'string' },
  'checkpoint-out': { type: 'string' },
} as const;

export const BUNDLE_PROOFS_USAGE = `crosscheck bundle proofs FILE (--db AUDIT.db | --gateway URL [--key-env NAME]) --out PROOFS.json
  [--checkpoint NOTE] [--checkpoint-out NOTE]
For the model owner: every leaf the bundle's receipts name, from its own audit log, with its
inclusion proof in a signed checkpoint and its body's salt (not the body), for bundle verify
--proofs. --db reads a log no gateway holds open; --gateway asks a running one with the admin key
(CROSSCHECK_ADMIN_KEY, or the variable --key-env names). Default checkpoint: the latest the log
signed; --checkpoint-out writes the one used, for verifiers to trust.`;

export async function bundleProofsCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parse(argv, options, 'bundle proofs');
  if (positionals.length !== 1) throw new UsageError('bundle proofs takes one bundle file: crosscheck bundle proofs FILE --db AUDIT.db --out PROOFS.json');
  if (!!values.db === !!values.gateway) throw new UsageError('give exactly one of --db AUDIT.db or --gateway URL');
  if (!values.out) throw new UsageError('bundle proofs needs --out PROOFS.json');
  const bundle = await readBundle(positionals[0]);
  const given = values.checkpoint ? checkpointFile(values.checkpoint, 'checkpoint') : undefined;
  const indices = receiptIndices(bundle);
  let proofs;
  if (values.gateway) {
    const source = await gatewaySource(values.gateway, gatewayKeyFromEnv(values['key-env'], env), given);
    proofs = await makeProofs(bundle, source.checkpoint, (i, size) => source.leaf(i, size));
  } else {
    proofs = await fromLogFile(values.db!, given, indices.at(-1) ?? -1, (checkpoint, open) => makeProofs(bundle, checkpoint, open));
  }
  await writeProofsFile(values.out, proofs);
  if (values['checkpoint-out']) writeFileSync(values['checkpoint-out'], proofs.checkpoint);
  process.stdout.write(`proofs for ${proofs.leaves.length} leaves of the log ${proofs.origin}, in its checkpoint of size ${proofs.size}, written to ${values.out}\n`);
  return 0;
}

/** Leaves from a stopped gateway's log file; the checkpoint is one the log signed (the newest, unless given). */
async function fromLogFile<T>(db: string, given: string | undefined, lastIndex: number, use: (checkpoint: string, open: (i: number, size: number) => Promise<OpenedLeaf>) => Promise<T>): Promise<T> {
  if (!existsSync(db)) throw new UsageError(`no audit log at ${db}`);
  let storage: JournaledAuditStorage;
  try {
    storage = JournaledAuditStorage.open(db);
  } catch (e) {
    throw new UsageError(`cannot open the audit log ${db}: ${(e as Error).message}`);
  }
  const stored = (await storage.checkpoints()).map((c) => c.note);
  const checkpoint = given ?? stored.reduce<string | undefined>((best, n) => (!best || peekCheckpoint(n).size > peekCheckpoint(best).size ? n : best), undefined);
  if (!checkpoint) {
    await storage.close();
    throw new UsageError(`the log ${db} has signed no checkpoint yet: start the gateway until it signs one`);
  }
  if (peekCheckpoint(checkpoint).size <= lastIndex) {
    await storage.close();
    throw new UsageError(`no checkpoint the log signed covers leaf ${lastIndex} yet: start the gateway until it signs a newer one`);
  }
  // Opened with a throwaway key: nothing is signed here; the proofs stand on the log's own checkpoint.
  const log = await AuditLog.open(storage, generateSignerKey(peekCheckpoint(checkpoint).origin).signerKey);
  try {
    return await use(checkpoint, async (i, size) => {
      const answer = await openAuditLeaf(log, i, size, { admin: true });
      if (answer.status !== 200) throw new UsageError(`leaf ${i}: ${(answer.body as { error?: string }).error ?? `HTTP ${answer.status}`}`);
      return answer.body as OpenedLeaf;
    });
  } finally {
    await log.close();
  }
}
