/**
 * The receipt the gateway returns with every response, header `x-crosscheck-receipt`, in the
 * form `<leaf index>:<hex leaf hash>`. The grantee keeps these (one JSON object per line) to check
 * later that each of its calls is in the log the gateway signed.
 */
import type { AuditReceipt } from '../contracts.js';

export const RECEIPT_HEADER = 'x-crosscheck-receipt';

export function formatReceiptHeader(r: AuditReceipt): string {
  return `${r.index}:${r.leafHash}`;
}

/** Parses a header value or a receipt JSON object; throws with the reason if malformed. */
export function parseReceipt(value: string | unknown): AuditReceipt {
  if (typeof value === 'string') {
    const m = /^(0|[1-9][0-9]*):([0-9a-f]{64})$/.exec(value.trim());
    if (!m) throw new Error(`receipt ${JSON.stringify(value)} is not "<index>:<64 hex digits>"`);
    return checked(Number(m[1]), m[2]);
  }
  const o = value as Partial<AuditReceipt> | null;
  if (!o || typeof o !== 'object' || typeof o.index !== 'number' || typeof o.leafHash !== 'string') {
    throw new Error('receipt must be {"index": number, "leafHash": hex}');
  }
  if (!/^[0-9a-f]{64}$/.test(o.leafHash)) throw new Error(`receipt leafHash ${JSON.stringify(o.leafHash)} is not 64 lowercase hex digits`);
  return checked(o.index, o.leafHash);
}

function checked(index: number, leafHash: string): AuditReceipt {
  if (!Number.isSafeInteger(index) || index < 0) throw new Error(`receipt index ${index} is not a non-negative integer`);
  return { index, leafHash };
}
