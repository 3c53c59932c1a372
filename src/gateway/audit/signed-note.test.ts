import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NoteError, generateSignerKey, openNote, parseSignerKey, parseVerifierKey, signNote, verifierKeyOf } from './signed-note.js';

// The example from golang.org/x/mod/sumdb/note (as quoted in its package docs and tests).
const GO_SIGNER = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_VERIFIER = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = GO_TEXT + '\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';

test('reproduces the Go sumdb/note reference note byte for byte (Ed25519 is deterministic)', () => {
  const signer = parseSignerKey(GO_SIGNER);
  assert.equal(verifierKeyOf(signer), GO_VERIFIER);
  assert.equal(signNote(GO_TEXT, signer), GO_NOTE);
  assert.equal(openNote(GO_NOTE, parseVerifierKey(GO_VERIFIER)), GO_TEXT);
});

test('rejects an altered text, a wrong key, and a forged signature with a clear reason', () => {
  const v = parseVerifierKey(GO_VERIFIER);
  assert.throws(() => openNote(GO_NOTE.replace('cryptography', 'cryptographY'), v), /does not verify/);
  const other = generateSignerKey('PeterNeumann');
  assert.throws(() => openNote(GO_NOTE, parseVerifierKey(other.verifierKey)), /not signed by key PeterNeumann\+/);
  const forged = signNote(GO_TEXT, parseSignerKey(other.signerKey));
  assert.throws(() => openNote(forged, v), /not signed by key/);
  // Same name and id but a bad signature: must reject, not skip.
  const sigStart = GO_NOTE.indexOf('x08go');
  const flipped = GO_NOTE.slice(0, sigStart + 10) + (GO_NOTE[sigStart + 10] === 'A' ? 'B' : 'A') + GO_NOTE.slice(sigStart + 11);
  assert.throws(() => openNote(flipped, v), /does not verify/);
});

test('ignores signatures by unknown keys (cosigners) next to a valid one', () => {
  const other = parseSignerKey(generateSignerKey('witness.example/w1').signerKey);
  const cosigned = GO_NOTE + signNote(GO_TEXT, other).split('\n\n')[1];
  assert.equal(openNote(cosigned, parseVerifierKey(GO_VERIFIER)), GO_TEXT);
});

test('rejects malformed notes and keys', () => {
  const v = parseVerifierKey(GO_VERIFIER);
  assert.throws(() => openNote(GO_TEXT, v), NoteError);
  assert.throws(() => openNote(GO_NOTE.slice(0, -1), v), /end with a newline/);
  assert.throws(() => openNote(GO_NOTE.replace('\u2014 ', '- '), v), /does not start with/);
  assert.throws(() => openNote(GO_NOTE.replace('x08go/', 'x08go!'), v), /not valid base64/);
  assert.throws(() => openNote(GO_TEXT + '\n', v), /no signature lines/);
  assert.throws(() => signNote('no newline', parseSignerKey(GO_SIGNER)), /end with a newline/);
  assert.throws(() => signNote('tab\there\n', parseSignerKey(GO_SIGNER)), /control characters/);
  assert.throws(() => parseVerifierKey('PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'), /does not match/);
  assert.throws(() => parseVerifierKey('PeterNeumann+c74f20a3'), /must look like/);
  const notEd25519 = Buffer.concat([Buffer.from([0x02]), Buffer.alloc(32, 7)]).toString('base64');
  assert.throws(() => parseVerifierKey(`PeterNeumann+c74f20a3+${notEd25519}`), /not an Ed25519 key/);
  assert.throws(() => parseSignerKey(GO_VERIFIER), /PRIVATE\+KEY/);
  assert.throws(() => generateSignerKey('has space'), /key name/);
});

test('generated keys sign and verify each other', () => {
  const { signerKey, verifierKey } = generateSignerKey('gateway.lab-a.example/audit');
  const note = signNote('hello\n', parseSignerKey(signerKey));
  assert.equal(openNote(note, parseVerifierKey(verifierKey)), 'hello\n');
});
