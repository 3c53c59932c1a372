/**
 * Every transcript's calls against the model owner's audit log: each receipt signed by the log's
 * key, each leaf it names proven in a checkpoint the log signed (RFC 6962 inclusion proof), its
 * entry hashing to the receipt's leaf hash and naming the call's request id, and, where the
 * transcript is published, the salted hash of the bytes the evaluator kept equal to the hash the
 * log recorded. Leaves come from a LeafSource: a proofs file the owner made (bundle proofs) or
 * the gateway itself (GET /audit/leaf). A model whose calls went through this log must have
 * every call checked; models reached otherwise are named, not checked.
 */
import { bodyHash, canonicalJson } from '../gateway/audit/canonical.js';
import { openCheckpoint, type Checkpoint } from '../gateway/audit/checkpoint.js';
import { hashLeafText, verifyInclusion } from '../gateway/audit/merkle.js';
import type { OpenedLeaf } from '../gateway/audit/proof-http.js';
import { parseReceipt, receiptSignatureValid } from '../gateway/audit/receipt.js';
import { parseVerifierKey, type VerifierKey } from '../gateway/audit/signed-note.js';
import { parseModelRef } from '../core/model-ref.js';
import { gatewayRoot, unpackBody } from '../models/gateway-evidence.js';
import { runPool } from '../runner/worker-pool.js';
import { describeKey, keyString, type CallReceipt, type GatewayRecord, type ReceiptsRecord, type SampleRecord, type TranscriptRecord } from './format.js';
import type { BundleContents, Located } from './read.js';
import type { Problem } from './verify-leaves.js';

/** Where opened leaves come from. */
export interface LeafSource {
  /** The signed checkpoint the leaves are proven against. */
  checkpoint: string;
  leaf(index: number, size: number): Promise<OpenedLeaf>;
  /** For messages: "proofs file F", "gateway URL". */
  name: string;
}

export interface GatewayCheck {
  problems: Problem[];
  notes: string[];
  /** Calls whose receipts were checked, and of those, whose kept bytes were hashed against the log. */
  calls: number;
  bodies: number;
  checkpointSize?: number;
}

/** Proofs fetched at once from a gateway. */
const PARALLEL = 8;

/**
 * `url`: the gateway's URL when it is asked directly. A model is through this log when any of its
 * calls kept this log's receipts, or its ref's base URL is this gateway's (the URL asked, or one
 * gateways.jsonl gives this log's key): then every one of its calls must check.
 */
export async function checkAgainstLog(b: BundleContents, key: VerifierKey, source: LeafSource, url?: string): Promise<GatewayCheck> {
  const out: GatewayCheck = { problems: [], notes: [], calls: 0, bodies: 0 };
  let cp: Checkpoint;
  try {
    cp = openCheckpoint(source.checkpoint, key);
  } catch (e) {
    out.problems.push({ where: `the checkpoint from ${source.name}`, message: (e as Error).message });
    return out;
  }
  out.checkpointSize = cp.size;
  const receipts = new Map((b.records.get('receipts.jsonl') as Located<ReceiptsRecord>[]).map((l) => [keyString(l.record), l]));
  const transcripts = new Map(b.records.get('transcripts.jsonl')!.filter((l) => l.record.type === 'transcript').map((l) => [keyString(l.record as TranscriptRecord), l.record as TranscriptRecord]));
  const ours = (r: CallReceipt) => sameKey(r.verifierKey, key);

  // A model (role and ref) is through this log if any of its calls kept this log's receipts: then all of them must check.
  const through = new Set<string>();
  for (const l of receipts.values()) for (const c of l.record.calls) if (ours(c)) through.add(`${c.role}:${c.modelRef}`);
  const urls = new Set((b.records.get('gateways.jsonl')!.map((l) => l.record as GatewayRecord)).filter((g) => sameKey(g.verifierKey, key)).map((g) => g.url));
  if (url) urls.add(gatewayRoot(url));
  for (const { record: s } of b.records.get('samples.jsonl') as Located<SampleRecord>[]) {
    for (const c of s.calls) if (urls.has(rootOfRef(c.modelRef) ?? '')) through.add(`${c.role}:${c.modelRef}`);
  }
  const others = new Set<string>();
  const jobs: (() => Promise<void>)[] = [];
  let withheld = 0;
  for (const { record: s, line } of b.records.get('samples.jsonl') as Located<SampleRecord>[]) {
    const r = receipts.get(keyString(s));
    const transcript = transcripts.get(keyString(s));
    s.calls.forEach((c, i) => {
      const group = `${c.role}:${c.modelRef}`;
      if (!through.has(group)) return void others.add(group);
      const receipt = r?.record.calls.find((x) => x.call === i);
      const where = r && receipt ? `receipts.jsonl:${r.line} (${describeKey(s)}), call ${i + 1}` : `samples.jsonl:${line} (${describeKey(s)}), call ${i + 1}`;
      if (!receipt) return void out.problems.push({ where, message: `went to ${c.modelRef} without a receipt from the log ${key.name}` });
      if (!ours(receipt)) return void out.problems.push({ where, message: `its receipts name the log key ${receipt.verifierKey ?? '(none)'}, not ${key.name}: a receipt from another log` });
      const ev = transcript?.calls[i]?.gateway ?? null;
      if (!transcript) withheld++;
      jobs.push(() => checkCall(receipt, ev, where, key, cp, source, out));
    });
  }
  const queue = jobs[Symbol.iterator]();
  await runPool(queue, PARALLEL, (job) => job());
  if (withheld) out.notes.push(`${withheld} call(s) of withheld transcripts: receipts and leaves checked, bodies not (the bundle does not hold them)`);
  for (const g of [...others].sort()) out.notes.push(`${g}: not reached through this log; not checked against it`);
  return out;
}

async function checkCall(
  r: CallReceipt, ev: TranscriptRecord['calls'][number]['gateway'], where: string, key: VerifierKey, cp: Checkpoint, source: LeafSource, out: GatewayCheck,
): Promise<void> {
  const fail = (message: string) => void out.problems.push({ where, message });
  if (!r.responseReceipt) return fail('has no response receipt (its stream ended before the gateway sent one)');
  if (!r.requestReceipt) return fail('has no request receipt (a gateway older than this Crosscheck does not name the request leaf)');
  let bodiesChecked = 0;
  for (const [kind, text, packed] of [['request', r.requestReceipt, ev?.requestBody], ['response', r.responseReceipt, ev?.responseBody]] as const) {
    let receipt;
    try {
      receipt = parseReceipt(text);
    } catch (e) {
      return fail(`its ${kind} receipt is malformed: ${(e as Error).message}`);
    }
    if ((kind === 'response' || receipt.signature) && !receiptSignatureValid(receipt, key)) {
      return fail(`its ${kind} receipt is not signed by the log key ${key.name} (a receipt from another log?)`);
    }
    if (receipt.index >= cp.size) return fail(`its ${kind} leaf ${receipt.index} is newer than the checkpoint (size ${cp.size}): use a newer checkpoint`);
    let leaf: OpenedLeaf;
    try {
      leaf = await source.leaf(receipt.index, cp.size);
    } catch (e) {
      return fail(`${source.name} gives no ${kind} leaf ${receipt.index}: ${(e as Error).message}`);
    }
    if (hashLeafText(canonicalJson(leaf.entry)) !== receipt.leafHash) return fail(`the log's leaf ${receipt.index} is not the one its ${kind} receipt names`);
    try {
      verifyInclusion(receipt.index, cp.size, Buffer.from(receipt.leafHash, 'hex'), leaf.proof.map((h) => Buffer.from(h, 'hex')), cp.rootHash);
    } catch (e) {
      return fail(`its ${kind} leaf ${receipt.index} is not in the log the checkpoint signs: ${(e as Error).message}`);
    }
    if (leaf.entry.kind !== kind || leaf.entry.requestId !== r.requestId) {
      return fail(`the log's leaf ${receipt.index} is a ${leaf.entry.kind} of call ${leaf.entry.requestId ?? '(none)'}, not the ${kind} of call ${r.requestId}`);
    }
    if (packed === undefined) continue;
    if (leaf.salt === undefined) {
      out.notes.push(`the log keeps no body salts (storeBodies off): kept bytes not compared for leaf ${receipt.index}`);
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = unpackBody(packed);
    } catch (e) {
      return fail(`its kept ${kind} bytes cannot be read: ${(e as Error).message}`);
    }
    if (bodyHash(Buffer.from(leaf.salt, 'base64'), bytes) !== leaf.entry.bodyHash) {
      return fail(`its kept ${kind} bytes are not the ones the log recorded (their salted hash differs from leaf ${receipt.index}'s)`);
    }
    bodiesChecked++;
  }
  out.calls++;
  if (bodiesChecked === 2) out.bodies++;
}

function rootOfRef(ref: string): string | undefined {
  try {
    const base = parseModelRef(ref).baseUrl;
    return base ? gatewayRoot(base) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a recorded verifier key string is `key` (name, id and public key). */
function sameKey(recorded: string | null, key: VerifierKey): boolean {
  if (!recorded) return false;
  try {
    const k = parseVerifierKey(recorded);
    return k.name === key.name && k.keyId === key.keyId && k.publicKey.equals(key.publicKey);
  } catch {
    return false;
  }
}
