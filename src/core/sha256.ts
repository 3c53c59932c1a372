import crypto, { createHash } from 'node:crypto';

// crypto.hash (Node 20.12+) hashes in one native call; a Hash object costs an allocation and three
// calls, which showed up in the gateway's per-request profile. Older Node 20 releases lack it.
const oneShot = typeof crypto.hash === 'function' ? crypto.hash : undefined;

/** SHA-256 of `data` as a Buffer. */
export function sha256(data: Uint8Array | string): Buffer {
  return oneShot ? oneShot('sha256', data, 'buffer') : createHash('sha256').update(data).digest();
}

/** SHA-256 of `data` as lowercase hex. */
export function sha256Hex(data: Uint8Array | string): string {
  return oneShot ? oneShot('sha256', data, 'hex') : createHash('sha256').update(data).digest('hex');
}

/** SHA-256 of the concatenation of `parts` (copied into one buffer first: cheaper than a Hash object for small inputs). */
export function sha256Of(parts: readonly Uint8Array[]): Buffer {
  return sha256(parts.length === 1 ? parts[0] : Buffer.concat(parts));
}
