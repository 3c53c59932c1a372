/**
 * What exactly gets hashed: an AuditEntry as canonical JSON (keys sorted by UTF-16 code units, no
 * whitespace, undefined fields left out; the RFC 8785 ordering and JSON.stringify's number form),
 * and request/response bodies as salted hashes so a leaf reveals nothing about a body until one
 * party opens it in a dispute.
 */
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../../core/sha256.js';
import type { AuditEntry } from '../contracts.js';
import { hashLeafText } from './merkle.js';

export function canonicalJson(value: unknown): string {
  try {
    // Fast path: copy with keys inserted in sorted order, then one native stringify.
    return JSON.stringify(sortedCopy(value));
  } catch (e) {
    if (e !== INDEX_LIKE_KEY) throw e;
    return slowCanonicalJson(value);
  }
}

/**
 * Thrown by sortedCopy for keys like "7": JS objects list such keys first, in numeric order,
 * whatever order they were inserted in, so only the slow path orders them by code units.
 */
const INDEX_LIKE_KEY = Symbol('index-like key');
const isIndexLike = (k: string): boolean => /^(0|[1-9][0-9]*)$/.test(k) && Number(k) < 2 ** 32 - 1;

function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot put ${value} in canonical JSON`);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortedCopy(v)));
  if (typeof value === 'object') {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return sortedCopy((value as { toJSON(): unknown }).toJSON());
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v === undefined) continue;
      if (isIndexLike(k)) throw INDEX_LIKE_KEY;
      out[k] = sortedCopy(v);
    }
    return out;
  }
  throw new TypeError(`cannot put a ${typeof value} in canonical JSON`);
}

function slowCanonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : slowCanonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return slowCanonicalJson((value as { toJSON(): unknown }).toJSON());
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${slowCanonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  throw new TypeError(`cannot put a ${typeof value} in canonical JSON`);
}

/** The leaf data of an entry: UTF-8 bytes of its canonical JSON. */
export function entryLeafData(entry: AuditEntry): Buffer {
  return Buffer.from(canonicalJson(entry), 'utf8');
}

/** RFC 6962 leaf hash of an entry, hex (the `leafHash` of an AuditReceipt). */
export function entryLeafHash(entry: AuditEntry): string {
  return hashLeafText(canonicalJson(entry));
}

export const SALT_BYTES = 16;

/** A fresh random salt; one per stored body, so equal bodies do not give equal hashes. */
export function newSalt(): Buffer {
  return randomBytes(SALT_BYTES);
}

/** hex SHA-256(salt || body); a string body is hashed as its UTF-8 bytes. */
export function bodyHash(salt: Uint8Array, body: Uint8Array | string): string {
  return sha256Hex(Buffer.concat([salt, typeof body === 'string' ? Buffer.from(body, 'utf8') : body]));
}
