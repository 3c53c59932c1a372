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

/** Constant-time equality of two hex hashes of equal length. */
export function hashesEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}
