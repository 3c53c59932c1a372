import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sha256, sha256Hex } from '../../core/sha256.js';

/** Prefix of grantee keys, so a leaked one is recognisable (and scannable) for what it is. */
export const KEY_PREFIX = 'ccx_';

/** 32 random bytes: the key is high-entropy, so an unsalted SHA-256 is a safe thing to store. */
export function generateKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** hex SHA-256 of the key: what the store keeps and looks keys up by. */
export function hashKey(key: string): string {
  return sha256Hex(key);
}

/** Constant-time equality of two secrets of any length (compares their SHA-256 digests). */
export function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

/**
 * Equality of two hex hashes in time that depends only on their length: every character is
 * compared, with no early exit. (Two Buffers for timingSafeEqual cost more than the whole
 * comparison on the gateway's request path; the inputs are hashes, not secrets, either way.)
 */
export function hashesEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
