import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { ed25519Sign, signsWithLibsodium } from './ed25519-sign.js';

test('signatures are the bytes node:crypto makes, and verify, for many keys and messages', () => {
  for (let k = 0; k < 20; k++) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    for (const size of [0, 1, 31, 64, 200, 4096]) {
      const message = randomBytes(size);
      const signature = ed25519Sign(message, privateKey);
      assert.equal(signature.length, 64);
      assert.ok(signature.equals(sign(null, message, privateKey)), `key ${k}, ${size}-byte message`);
      assert.ok(verify(null, message, publicKey, signature));
      const altered = Buffer.from(message);
      if (size > 0) {
        altered[0] ^= 1;
        assert.ok(!verify(null, altered, publicKey, signature));
      }
    }
  }
});

test('a key of another type is refused, not used', () => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  assert.throws(() => ed25519Sign(Buffer.from('x'), privateKey), signsWithLibsodium ? /Ed25519/ : /./);
});

test('libsodium signs on the platforms it ships a binary for', { skip: !['linux', 'darwin', 'win32'].includes(process.platform) || !['x64', 'arm64'].includes(process.arch) }, () => {
  assert.ok(signsWithLibsodium, 'sodium-native did not load: receipts are signed by the slower node:crypto');
});
