/**
 * What exactly gets hashed: an AuditEntry as canonical JSON (keys sorted by UTF-16 code units, no
 * whitespace, undefined fields left out; the RFC 8785 ordering and JSON.stringify's number form),
 * and request/response bodies as salted hashes so a leaf reveals nothing about a body until one
 * party opens it in a dispute.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AuditEntry } from '../contracts.js';
import { hashLeaf } from './merkle.js';

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot put ${value} in canonical JSON`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON(): unknown }).toJSON());
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  throw new TypeError(`cannot put a ${typeof value} in canonical JSON`);
}

/** The leaf data of an entry: UTF-8 bytes of its canonical JSON. */
export function entryLeafData(entry: AuditEntry): Buffer {
  return Buffer.from(canonicalJson(entry), 'utf8');
}

/** RFC 6962 leaf hash of an entry, hex (the `leafHash` of an AuditReceipt). */
export function entryLeafHash(entry: AuditEntry): string {
  return hashLeaf(entryLeafData(entry)).toString('hex');
}

export const SALT_BYTES = 16;

/** A fresh random salt; one per stored body, so equal bodies do not give equal hashes. */
export function newSalt(): Buffer {
  return randomBytes(SALT_BYTES);
}

/** hex SHA-256(salt || body); a string body is hashed as its UTF-8 bytes. */
export function bodyHash(salt: Uint8Array, body: Uint8Array | string): string {
  return createHash('sha256').update(salt).update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body).digest('hex');
}
