/**
 * Where `bundle verify` gets the model owner's leaves from, and how the owner makes a proofs
 * file offline (`bundle proofs`). A proofs file is JSON:
 *
 *   {"format":"crosscheck-bundle-proofs","version":1,"origin":"<log name>","checkpoint":"<signed note>",
 *    "size":N,"leaves":[{"index","leafHash","entry","salt"?,"size":N,"proof":["<hex>",…]},…]}
 *
 * one leaf for every request and response receipt in the bundle, each with its inclusion proof in
 * the tree of N leaves the checkpoint signs, and the salt of the body it commits to (a salt shows
 * nothing without the body, which only the bundle holds). Nothing in it is believed unless it
 * verifies against the checkpoint, under the log key the verifier trusts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { UsageError } from '../core/errors.js';
import { peekCheckpoint } from '../gateway/audit/checkpoint.js';
import { gatewayProofSource, type OpenedLeaf } from '../gateway/audit/proof-http.js';
import { parseReceipt } from '../gateway/audit/receipt.js';
import { BundleError } from './archive.js';
import type { ReceiptsRecord } from './format.js';
import type { LeafSource } from './gateway-check.js';
import type { BundleContents } from './read.js';
import { firstIssue } from './schema.js';

export const PROOFS_FORMAT = 'crosscheck-bundle-proofs';

export interface ProofsFile {
  format: typeof PROOFS_FORMAT;
  version: 1;
  origin: string;
  checkpoint: string;
  size: number;
  leaves: OpenedLeaf[];
}

const hex = z.string().regex(/^[0-9a-f]{64}$/);
const proofsSchema = z.strictObject({
  format: z.literal(PROOFS_FORMAT),
  version: z.literal(1),
  origin: z.string(),
  checkpoint: z.string(),
  size: z.number().int().min(0),
  leaves: z.array(z.strictObject({
    index: z.number().int().min(0), leafHash: hex, entry: z.looseObject({ kind: z.string() }), salt: z.string().optional(),
    size: z.number().int().min(0), proof: z.array(hex),
  })),
});

/** Every leaf index the bundle's receipts name (request and response), in order. */
export function receiptIndices(b: BundleContents): number[] {
  const out = new Set<number>();
  for (const { record } of b.records.get('receipts.jsonl')!) {
    for (const c of (record as ReceiptsRecord).calls) {
      for (const text of [c.requestReceipt, c.responseReceipt]) {
        if (!text) continue;
        try {
          out.add(parseReceipt(text).index);
        } catch {
          // A malformed receipt is reported by the check itself.
        }
      }
    }
  }
  return [...out].sort((a, b) => a - b);
}

export async function readProofsFile(path: string): Promise<ProofsFile> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read proofs file ${path}: ${(e as NodeJS.ErrnoException).code ?? 'not valid JSON'}`);
  }
  const version = (value as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > 1) throw new BundleError(`${path} is proofs format version ${version}, newer than this Crosscheck reads (1): upgrade Crosscheck`);
  const parsed = proofsSchema.safeParse(value);
  if (!parsed.success) throw new BundleError(`${path}: not a ${PROOFS_FORMAT} file: ${firstIssue(parsed.error)}`);
  return value as ProofsFile;
}

/** Leaves from a proofs file, proven against `checkpoint` (the verifier's own), which must be the one the proofs are for. */
export function proofsFileSource(p: ProofsFile, path: string, checkpoint: string): LeafSource {
  const mine = peekCheckpoint(checkpoint);
  const theirs = peekCheckpoint(p.checkpoint);
  if (mine.size !== p.size || theirs.size !== p.size || !mine.rootHash.equals(theirs.rootHash)) {
    throw new BundleError(`${path} holds proofs for a tree of ${p.size} leaves under another checkpoint than yours (size ${mine.size}): make the proofs with bundle proofs --checkpoint YOUR_NOTE`);
  }
  const byIndex = new Map(p.leaves.map((l) => [l.index, l]));
  return {
    checkpoint,
    name: `proofs file ${path}`,
    leaf: async (index, size) => {
      const leaf = byIndex.get(index);
      if (!leaf || leaf.size !== size) throw new Error('the proofs file holds no such leaf');
      return leaf;
    },
  };
}

/** Leaves asked of a running gateway (GET /audit/leaf) with the key in `apiKey` (the admin's, or the grant's that made the calls). */
export async function gatewaySource(url: string, apiKey: string | undefined, checkpoint?: string): Promise<LeafSource & { key(): Promise<{ origin: string; verifierKey: string }> }> {
  const gateway = gatewayProofSource(url, apiKey);
  let note: string;
  try {
    note = checkpoint ?? await gateway.checkpoint();
  } catch (e) {
    throw new UsageError(`cannot get a checkpoint from ${url}: ${(e as Error).message}`);
  }
  return { checkpoint: note, name: `gateway ${url}`, leaf: (i, size) => gateway.leaf(i, size), key: () => gateway.key() };
}

/** The proofs file for a bundle: every leaf its receipts name, opened by `open` under `checkpoint`. */
export async function makeProofs(b: BundleContents, checkpoint: string, open: (index: number, size: number) => Promise<OpenedLeaf>): Promise<ProofsFile> {
  const cp = peekCheckpoint(checkpoint);
  const indices = receiptIndices(b);
  const late = indices.filter((i) => i >= cp.size);
  if (late.length) throw new UsageError(`leaf ${late[0]} is newer than the checkpoint (size ${cp.size}): wait for the gateway to sign a newer one, or give --checkpoint`);
  const leaves: OpenedLeaf[] = [];
  for (const i of indices) leaves.push(await open(i, cp.size));
  return { format: PROOFS_FORMAT, version: 1, origin: cp.origin, checkpoint, size: cp.size, leaves };
}

export async function writeProofsFile(path: string, p: ProofsFile): Promise<void> {
  try {
    await writeFile(path, `${JSON.stringify(p)}\n`, { mode: 0o640 });
  } catch (e) {
    throw new UsageError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
