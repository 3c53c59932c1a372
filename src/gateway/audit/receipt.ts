/**
 * The receipt the gateway returns with every response, header `x-crosscheck-receipt`, in the
 * form `<leaf index>:<hex leaf hash>:<base64 signature>`. The grantee keeps these (one per line)
 * to check later that each of its calls is in the log the gateway signed.
 *
 * The signature is the log key's Ed25519 signature over
 *
 *   crosscheck-receipt/v1\n<origin>\n<index>\n<leaf hash>\n
 *
 * made only once the leaf is durable: like a Certificate Transparency SCT, it lets the grantee
 * prove to anyone what the gateway promised, so a leaf that is later missing or different is the
 * gateway's broken promise, not the grantee's word against it. The first line keeps a receipt
 * from ever reading as a checkpoint (whose first line is the origin, second a tree size).
 */
import { verify } from 'node:crypto';
import type { AuditReceipt } from '../contracts.js';
import { ed25519Sign } from './ed25519-sign.js';
import type { SignerKey, VerifierKey } from './signed-note.js';

export const RECEIPT_HEADER = 'x-crosscheck-receipt';
/**
 * A whole reply's request leaf, `<index>:<leaf hash>`, unsigned (a signature would cost the call
 * path another Ed25519 sign): it only says where the leaf is. What proves it is the inclusion
 * proof under a signed checkpoint, and its requestId, which the signed response leaf repeats.
 */
export const REQUEST_RECEIPT_HEADER = 'x-crosscheck-request-receipt';
const RECEIPT_CONTEXT = 'crosscheck-receipt/v1';

export function formatReceiptHeader(r: AuditReceipt): string {
  return r.signature ? `${r.index}:${r.leafHash}:${r.signature}` : `${r.index}:${r.leafHash}`;
}

/** The bytes a receipt's signature covers. */
export function receiptMessage(origin: string, index: number, leafHash: string): Buffer {
  return Buffer.from(`${RECEIPT_CONTEXT}\n${origin}\n${index}\n${leafHash}\n`, 'utf8');
}

export function signReceipt(signer: SignerKey, index: number, leafHash: string): string {
  return ed25519Sign(receiptMessage(signer.name, index, leafHash), signer.privateKey).toString('base64');
}

/** Whether the receipt carries a valid signature by `verifier` (false when it carries none). */
export function receiptSignatureValid(r: AuditReceipt, verifier: VerifierKey): boolean {
  if (!r.signature) return false;
  const sig = Buffer.from(r.signature, 'base64');
  return sig.length === 64 && verify(null, receiptMessage(verifier.name, r.index, r.leafHash), verifier.key, sig);
}

/** Parses a header value or a receipt JSON object; throws with the reason if malformed. */
export function parseReceipt(value: string | unknown): AuditReceipt {
  if (typeof value === 'string') {
    const m = /^(0|[1-9][0-9]*):([0-9a-f]{64})(?::([A-Za-z0-9+/]{86}==))?$/.exec(value.trim());
    if (!m) throw new Error(`receipt ${JSON.stringify(value)} is not "<index>:<64 hex digits>[:<base64 signature>]"`);
    return checked(Number(m[1]), m[2], m[3]);
  }
  const o = value as Partial<AuditReceipt> | null;
  if (!o || typeof o !== 'object' || typeof o.index !== 'number' || typeof o.leafHash !== 'string') {
    throw new Error('receipt must be {"index": number, "leafHash": hex, "signature"?: base64}');
  }
  if (!/^[0-9a-f]{64}$/.test(o.leafHash)) throw new Error(`receipt leafHash ${JSON.stringify(o.leafHash)} is not 64 lowercase hex digits`);
  if (o.signature !== undefined && (typeof o.signature !== 'string' || !/^[A-Za-z0-9+/]{86}==$/.test(o.signature))) {
    throw new Error('receipt signature is not base64 of 64 bytes');
  }
  return checked(o.index, o.leafHash, o.signature);
}

function checked(index: number, leafHash: string, signature: string | undefined): AuditReceipt {
  if (!Number.isSafeInteger(index) || index < 0) throw new Error(`receipt index ${index} is not a non-negative integer`);
  return signature ? { index, leafHash, signature } : { index, leafHash };
}
