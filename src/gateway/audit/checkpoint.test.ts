import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { formatCheckpoint, openCheckpoint, parseCheckpoint, peekCheckpoint, signCheckpoint } from './checkpoint.js';
import { generateSignerKey, parseSignerKey, parseVerifierKey } from './signed-note.js';

const keys = generateSignerKey('gateway.example/audit');
const signer = parseSignerKey(keys.signerKey);
const verifier = parseVerifierKey(keys.verifierKey);
const root = createHash('sha256').update('root').digest();

test('a signed checkpoint has the C2SP body and opens with the verifier key', () => {
  const note = signCheckpoint(42, root, signer);
  assert.ok(note.startsWith(`gateway.example/audit\n42\n${root.toString('base64')}\n\n\u2014 gateway.example/audit `));
  const cp = openCheckpoint(note, verifier);
  assert.equal(cp.size, 42);
  assert.ok(cp.rootHash.equals(root));
  assert.equal(peekCheckpoint(note).size, 42);
});

test('altered size or root, or another key, is rejected', () => {
  const note = signCheckpoint(42, root, signer);
  assert.throws(() => openCheckpoint(note.replace('\n42\n', '\n43\n'), verifier), /does not verify/);
  const otherRoot = createHash('sha256').update('other').digest().toString('base64');
  assert.throws(() => openCheckpoint(note.replace(root.toString('base64'), otherRoot), verifier), /does not verify/);
  const impostor = generateSignerKey('gateway.example/audit');
  assert.throws(() => openCheckpoint(signCheckpoint(42, root, parseSignerKey(impostor.signerKey)), verifier), /not signed by key/);
});

test('malformed bodies are rejected with the reason', () => {
  const r = root.toString('base64');
  assert.throws(() => parseCheckpoint(`o\n042\n${r}\n`), /leading zeros/);
  assert.throws(() => parseCheckpoint(`o\n-1\n${r}\n`), /decimal/);
  assert.throws(() => parseCheckpoint(`o\n1\n${r.slice(4)}\n`), /32 bytes/);
  assert.throws(() => parseCheckpoint('o\n1\n'), /origin, size and root/);
  assert.throws(() => parseCheckpoint(`\n1\n${r}\n`), /origin is empty/);
  assert.deepEqual(parseCheckpoint(`o\n1\n${r}\next\n`).extensions, ['ext']);
  assert.equal(formatCheckpoint(parseCheckpoint(`o\n0\n${r}\n`)), `o\n0\n${r}\n`);
});
