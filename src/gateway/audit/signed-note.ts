/**
 * C2SP signed notes (c2sp.org/signed-note) with Ed25519 keys, in the key-string formats of
 * golang.org/x/mod/sumdb/note so keys and notes interoperate with Go transparency tooling:
 *
 *   verifier key: <name>+<8 hex key id>+<base64(0x01 || 32-byte public key)>
 *   signer key:   PRIVATE+KEY+<name>+<8 hex key id>+<base64(0x01 || 32-byte seed)>
 *   key id:       SHA-256(name || "\n" || 0x01 || public key)[:4]
 *   note:         text ending in "\n", a blank line, then lines "— <name> <base64(key id || sig)>"
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { ed25519Sign } from './ed25519-sign.js';

const ED25519 = 0x01;
const SIG_PREFIX = '\u2014 ';
/** DER header of a PKCS#8 Ed25519 private key; the 32-byte seed follows it (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A note or key that cannot be used; the message says why. */
export class NoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoteError';
  }
}

export interface VerifierKey {
  name: string;
  keyId: number;
  publicKey: Buffer;
  key: KeyObject;
}

export interface SignerKey extends VerifierKey {
  privateKey: KeyObject;
}

export interface NoteSignature {
  name: string;
  keyId: number;
  signature: Buffer;
}

function checkKeyName(name: string): void {
  if (name === '' || /[\s+]/u.test(name)) throw new NoteError(`key name ${JSON.stringify(name)} must be non-empty, without spaces or '+'`);
}

export function keyId(name: string, publicKey: Uint8Array): number {
  const h = createHash('sha256').update(name).update('\n').update(Buffer.from([ED25519])).update(publicKey).digest();
  return h.readUInt32BE(0);
}

const b64url = (b: Uint8Array): string => Buffer.from(b).toString('base64url');

function publicKeyObject(raw: Buffer): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(raw) }, format: 'jwk' });
}

/** Strict standard base64 (RFC 4648 §4): Node's decoder silently skips junk, so re-encode and compare. */
function decodeBase64(s: string, what: string): Buffer {
  const b = Buffer.from(s, 'base64');
  if (s === '' || b.toString('base64') !== s) throw new NoteError(`${what} is not valid base64`);
  return b;
}

const hexId = (id: number): string => id.toString(16).padStart(8, '0');

/** Creates a new Ed25519 log key; keep `signerKey` secret, publish `verifierKey`. */
export function generateSignerKey(name: string): { signerKey: string; verifierKey: string } {
  checkKeyName(name);
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const seed = Buffer.from(jwk.d as string, 'base64url');
  const pub = Buffer.from(jwk.x as string, 'base64url');
  const id = hexId(keyId(name, pub));
  return {
    signerKey: `PRIVATE+KEY+${name}+${id}+${Buffer.concat([Buffer.from([ED25519]), seed]).toString('base64')}`,
    verifierKey: `${name}+${id}+${Buffer.concat([Buffer.from([ED25519]), pub]).toString('base64')}`,
  };
}

function splitKey(s: string, parts: number, what: string): string[] {
  // The base64 tail may itself contain '+', so split only the leading fields.
  const fields: string[] = [];
  let rest = s.trim();
  for (let i = 0; i < parts - 1; i++) {
    const at = rest.indexOf('+');
    if (at < 0) throw new NoteError(`${what} must look like ${what === 'verifier key' ? '<name>+<hex id>+<base64 key>' : 'PRIVATE+KEY+<name>+<hex id>+<base64 key>'}`);
    fields.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  fields.push(rest);
  return fields;
}

function parseKeyFields(name: string, idHex: string, material: string, what: string): { keyId: number; raw: Buffer } {
  checkKeyName(name);
  if (!/^[0-9a-f]{8}$/.test(idHex)) throw new NoteError(`${what} id ${JSON.stringify(idHex)} must be 8 lowercase hex digits`);
  const bytes = decodeBase64(material, `${what} material`);
  if (bytes.length !== 33 || bytes[0] !== ED25519) throw new NoteError(`${what} is not an Ed25519 key (expected 0x01 followed by 32 bytes)`);
  return { keyId: parseInt(idHex, 16), raw: bytes.subarray(1) };
}

export function parseVerifierKey(s: string): VerifierKey {
  const [name, idHex, material] = splitKey(s, 3, 'verifier key');
  const { keyId: id, raw } = parseKeyFields(name, idHex, material, 'verifier key');
  if (keyId(name, raw) !== id) throw new NoteError(`verifier key id ${idHex} does not match its name and public key`);
  return { name, keyId: id, publicKey: raw, key: publicKeyObject(raw) };
}

export function parseSignerKey(s: string): SignerKey {
  const [p, k, name, idHex, material] = splitKey(s, 5, 'signer key');
  if (p !== 'PRIVATE' || k !== 'KEY') throw new NoteError('signer key must start with PRIVATE+KEY+');
  const { keyId: id, raw: seed } = parseKeyFields(name, idHex, material, 'signer key');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const pub = Buffer.from(createPublicKey(privateKey).export({ format: 'jwk' }).x as string, 'base64url');
  if (keyId(name, pub) !== id) throw new NoteError(`signer key id ${idHex} does not match its name and key`);
  return { name, keyId: id, publicKey: pub, key: publicKeyObject(pub), privateKey };
}

/** The verifier key string for a signer key (what the grantor hands the grantee). */
export function verifierKeyOf(signer: VerifierKey): string {
  return `${signer.name}+${hexId(signer.keyId)}+${Buffer.concat([Buffer.from([ED25519]), signer.publicKey]).toString('base64')}`;
}

function checkText(text: string): void {
  if (!text.endsWith('\n')) throw new NoteError('note text must end with a newline');
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x09\x0b-\x1f]/.test(text)) throw new NoteError('note text must not contain control characters other than newline');
}

/** Signs `text` (which must end in "\n") and returns the whole signed note. */
export function signNote(text: string, signer: SignerKey): string {
  checkText(text);
  const sig = ed25519Sign(Buffer.from(text, 'utf8'), signer.privateKey);
  const id = Buffer.alloc(4);
  id.writeUInt32BE(signer.keyId);
  return `${text}\n${SIG_PREFIX}${signer.name} ${Buffer.concat([id, sig]).toString('base64')}\n`;
}

/** Splits a signed note into its text and signature lines, checking only the format. */
export function parseNote(note: string): { text: string; signatures: NoteSignature[] } {
  if (!note.endsWith('\n')) throw new NoteError('signed note must end with a newline');
  // The text ends at the last blank line; everything after it is signature lines.
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('signed note has no blank line before its signatures');
  const text = note.slice(0, split + 1);
  checkText(text);
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length === 1 && lines[0] === '') throw new NoteError('signed note has no signature lines');
  const signatures = lines.map((line, i) => {
    if (!line.startsWith(SIG_PREFIX)) throw new NoteError(`signature line ${i + 1} does not start with "— "`);
    const fields = line.slice(SIG_PREFIX.length).split(' ');
    if (fields.length !== 2) throw new NoteError(`signature line ${i + 1} must be "— <key name> <base64 signature>"`);
    const [name, b64] = fields;
    checkKeyName(name);
    const bytes = decodeBase64(b64, `signature on line ${i + 1}`);
    if (bytes.length < 5) throw new NoteError(`signature on line ${i + 1} is too short`);
    return { name, keyId: bytes.readUInt32BE(0), signature: bytes.subarray(4) };
  });
  return { text, signatures };
}

/**
 * Returns the note's text if it carries a valid signature by `verifier`. Signatures by other keys
 * are ignored (the spec allows cosigners); a signature that claims to be by `verifier` but does
 * not verify rejects the whole note.
 */
export function openNote(note: string, verifier: VerifierKey): string {
  const { text, signatures } = parseNote(note);
  const ours = signatures.filter((s) => s.name === verifier.name && s.keyId === verifier.keyId);
  if (ours.length === 0) throw new NoteError(`note is not signed by key ${verifier.name}+${hexId(verifier.keyId)}`);
  for (const s of ours) {
    if (s.signature.length !== 64 || !verify(null, Buffer.from(text, 'utf8'), verifier.key, s.signature)) {
      throw new NoteError(`signature by ${verifier.name} does not verify: the note text or signature was altered`);
    }
  }
  return text;
}
