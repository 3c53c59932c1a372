/**
 * Ed25519 signatures for receipts and checkpoints, made by libsodium (sodium-native) where it
 * loads, else by node:crypto. Ed25519 is deterministic, so both give the same bytes; libsodium
 * takes about half the time (node:crypto sets up an OpenSSL 3 signing context on every call),
 * and a receipt is signed on every call's path (see the gateway README, Measured).
 */
import { sign, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';

interface Sodium {
  sodium_malloc(size: number): Buffer;
  crypto_sign_seed_keypair(publicKey: Buffer, secretKey: Buffer, seed: Buffer): void;
  crypto_sign_detached(signature: Buffer, message: Buffer, secretKey: Buffer): void;
}

const sodium = loadSodium();

function loadSodium(): Sodium | null {
  try {
    return createRequire(import.meta.url)('sodium-native') as Sodium;
  } catch {
    return null; // no prebuilt binary for this platform: node:crypto signs
  }
}

/** libsodium's secret key (seed || public key) per private key, in memory sodium guards. */
const secretKeys = new WeakMap<KeyObject, Buffer>();

/** Whether signatures are made by libsodium (else node:crypto). */
export const signsWithLibsodium = sodium !== null;

/** The Ed25519 signature (64 bytes) of `message` by `privateKey`. */
export function ed25519Sign(message: Buffer, privateKey: KeyObject): Buffer {
  if (!sodium) return sign(null, message, privateKey);
  const signature = Buffer.allocUnsafe(64);
  sodium.crypto_sign_detached(signature, message, secretKeyOf(sodium, privateKey));
  return signature;
}

function secretKeyOf(s: Sodium, privateKey: KeyObject): Buffer {
  let sk = secretKeys.get(privateKey);
  if (!sk) {
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new TypeError(`an Ed25519 key is needed, not ${privateKey.asymmetricKeyType}`);
    const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d as string, 'base64url');
    sk = s.sodium_malloc(64);
    s.crypto_sign_seed_keypair(Buffer.alloc(32), sk, seed);
    seed.fill(0);
    secretKeys.set(privateKey, sk);
  }
  return sk;
}
