import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateSignerKey, parseSignerKey, parseVerifierKey, signNote } from '../gateway/audit/signed-note.js';
import { leafHashOf, openRoot, rootOf, signRoot } from './tree.js';

const keys = generateSignerKey('lab-b.example');
const signer = parseSignerKey(keys.signerKey);
const verifier = parseVerifierKey(keys.verifierKey);

test('a signed root opens with the signer\'s key only, and says what it signs', () => {
  const root = rootOf([leafHashOf({ type: 'a' }), leafHashOf({ type: 'b' })]);
  const note = signRoot({ runId: 'run-1', leaves: 2, root }, signer);
  assert.deepEqual(openRoot(note, verifier), { runId: 'run-1', leaves: 2, root });
  assert.throws(() => openRoot(note, parseVerifierKey(generateSignerKey('lab-b.example').verifierKey)));
  assert.throws(() => openRoot(note.replace('run-1', 'run-2'), verifier));
});

test('a withheld record stands for the leaf it replaced; key order does not change a leaf', () => {
  const record = { type: 'transcript', output: 'x', nonce: 'n' };
  const hash = leafHashOf(record);
  assert.equal(leafHashOf({ type: 'withheld', of: 'transcript', key: { sampleId: 's' }, leafHash: hash }), hash);
  assert.equal(leafHashOf({ nonce: 'n', output: 'x', type: 'transcript' }), hash);
  assert.notEqual(leafHashOf({ ...record, output: 'y' }), hash);
});

test('a note for a newer bundle format, or not a bundle\'s, says so', () => {
  const newer = signNote('crosscheck-bundle/v2\nrun r\nleaves 1\nroot AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n', signer);
  assert.throws(() => openRoot(newer, verifier), /bundle format v2; this Crosscheck reads crosscheck-bundle\/v1/);
  assert.throws(() => openRoot(signNote('crosscheck-gateway\n3\nAAAA\n', signer), verifier), /not a bundle's/);
});
