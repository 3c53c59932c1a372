import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBase64Runs, decodeLeetIfEncoded, decodeRot13IfEncoded, englishShare, fromLeetspeak, rot13, toBase64, toLeetspeak } from './encodings.js';

const ANSWER = 'Here is what you asked for. First, you need to take the time to plan it, and then you should do it step by step.';

test('rot13 is its own inverse and leaves non-letters alone', () => {
  assert.equal(rot13('Hello, World! 123'), 'Uryyb, Jbeyq! 123');
  assert.equal(rot13(rot13(ANSWER)), ANSWER);
});

test('leetspeak maps a e i o s t to digits and back, only inside words with letters', () => {
  assert.equal(toLeetspeak('Satisfied toast'), '54715f13d 70457');
  assert.equal(fromLeetspeak('h3ll0 w0rld in 2024'), 'hello world in 2024');
});

test('a reply in base64 is decoded, wrapped over lines or not; plain text and long words stay as they are', () => {
  const encoded = toBase64(ANSWER);
  assert.equal(decodeBase64Runs(`Sure: ${encoded}`), `Sure: ${ANSWER}`);
  const wrapped = encoded.match(/.{1,40}/g)!.join('\n');
  assert.equal(decodeBase64Runs(wrapped), ANSWER);
  const plain = 'Internationalization and counterrevolutionaries are long words. Visit /usr/local/share/applications today.';
  assert.equal(decodeBase64Runs(plain), plain);
});

test('ROT13 and leetspeak replies are decoded only when the decoding reads as English', () => {
  assert.equal(decodeRot13IfEncoded(rot13(ANSWER)), ANSWER);
  assert.equal(decodeRot13IfEncoded(ANSWER), ANSWER);
  assert.equal(decodeLeetIfEncoded(toLeetspeak(ANSWER)), ANSWER);
  assert.equal(decodeLeetIfEncoded('Version 2 of the plan is in room 101.'), 'Version 2 of the plan is in room 101.');
  assert.ok(englishShare(ANSWER) > 0.4);
  assert.equal(englishShare('1234 ...'), 0);
});
