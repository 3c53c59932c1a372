import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProofError, emptyRoot, hashLeaf, hashLeafText, rootFromInclusionProof, verifyConsistency, verifyInclusion } from './merkle.js';
import { MerkleTree } from './merkle-tree.js';

// Reference vectors from transparency-dev/merkle (testonly/constants.go, proof/verify_test.go),
// the RFC 6962 test data shared with certificate-transparency-go.
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => Buffer.from(h, 'hex'));
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const LEAF_HASHES = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
  '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
  '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
  'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
  'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
  '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
];
// [leaf index (0-based), tree size, path]
const INCLUSION: [number, number, string[]][] = [
  [0, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [5, 8, ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [1, 5, ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
];
const CONSISTENCY: [number, number, string[]][] = [
  [1, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [6, 8, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [2, 5, ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
  [6, 7, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
];

const hex = (bs: Buffer[]): string[] => bs.map((b) => b.toString('hex'));
const unhex = (hs: string[]): Buffer[] => hs.map((h) => Buffer.from(h, 'hex'));

function treeOf(n: number): MerkleTree {
  const t = new MerkleTree();
  for (let i = 0; i < n; i++) t.append(hashLeaf(Buffer.from(`leaf ${i}`)));
  return t;
}

test('leaf hashes and roots for sizes 0..8 match the RFC 6962 reference vectors', () => {
  assert.deepEqual(hex(LEAVES.map(hashLeaf)), LEAF_HASHES);
  assert.equal(emptyRoot().toString('hex'), ROOTS[0]);
  const t = new MerkleTree();
  assert.equal(t.root().toString('hex'), ROOTS[0]);
  for (let n = 1; n <= 8; n++) {
    t.append(hashLeaf(LEAVES[n - 1]));
    assert.equal(t.root().toString('hex'), ROOTS[n], `root of size ${n}`);
  }
  // Historical roots stay available after the tree has grown.
  for (let n = 0; n <= 8; n++) assert.equal(t.root(n).toString('hex'), ROOTS[n]);
});

test('inclusion proofs match the reference vectors and verify', () => {
  const t = new MerkleTree();
  for (const l of LEAVES) t.append(hashLeaf(l));
  for (const [index, size, path] of INCLUSION) {
    assert.deepEqual(hex(t.inclusionProof(index, size)), path, `proof for ${index} in ${size}`);
    verifyInclusion(index, size, hashLeaf(LEAVES[index]), unhex(path), Buffer.from(ROOTS[size], 'hex'));
  }
  assert.deepEqual(t.inclusionProof(0, 1), []);
});

test('consistency proofs match the reference vectors and verify', () => {
  const t = new MerkleTree();
  for (const l of LEAVES) t.append(hashLeaf(l));
  for (const [m, n, path] of CONSISTENCY) {
    assert.deepEqual(hex(t.consistencyProof(m, n)), path, `proof ${m} -> ${n}`);
    verifyConsistency(m, n, Buffer.from(ROOTS[m], 'hex'), Buffer.from(ROOTS[n], 'hex'), unhex(path));
  }
});

test('every inclusion proof in trees of size 1..40 verifies, and fails for a wrong leaf, index or root', () => {
  const t = treeOf(40);
  for (let n = 1; n <= 40; n++) {
    const root = t.root(n);
    for (let i = 0; i < n; i++) {
      const proof = t.inclusionProof(i, n);
      verifyInclusion(i, n, t.leafHash(i), proof, root);
      assert.throws(() => verifyInclusion(i, n, t.leafHash((i + 1) % 40), proof, root), ProofError);
      if (n > 1) assert.throws(() => verifyInclusion((i + 1) % n, n, t.leafHash(i), proof, root), ProofError);
      // A wrong tree height (the proof alone does not pin sizes with the same path shape, e.g. 3 and 4).
      assert.throws(() => verifyInclusion(i, n * 2, t.leafHash(i), proof, root), ProofError);
      assert.throws(() => verifyInclusion(i, n, t.leafHash(i), proof, t.root(n === 1 ? 2 : n - 1)), ProofError);
    }
  }
});

test('every consistency proof for 0 ≤ m ≤ n ≤ 40 verifies; altering any hash or root makes it fail', () => {
  const t = treeOf(40);
  for (let n = 0; n <= 40; n++) {
    for (let m = 0; m <= n; m++) {
      const proof = t.consistencyProof(m, n);
      const r1 = t.root(m);
      const r2 = t.root(n);
      verifyConsistency(m, n, r1, r2, proof);
      if (m === 0 || m === n) continue;
      for (let j = 0; j < proof.length; j++) {
        const bad = proof.map((p) => Buffer.from(p));
        bad[j][0] ^= 0x10;
        assert.throws(() => verifyConsistency(m, n, r1, r2, bad), ProofError, `flip proof[${j}] ${m}->${n}`);
      }
      const flipped = (b: Buffer): Buffer => {
        const c = Buffer.from(b);
        c[31] ^= 1;
        return c;
      };
      assert.throws(() => verifyConsistency(m, n, flipped(r1), r2, proof), ProofError);
      assert.throws(() => verifyConsistency(m, n, r1, flipped(r2), proof), ProofError);
      assert.throws(() => verifyConsistency(m, n, r1, r2, proof.slice(0, -1)), ProofError);
      assert.throws(() => verifyConsistency(m, n, r1, r2, [...proof, r2]), ProofError);
    }
  }
});

test('every altered inclusion-proof hash fails', () => {
  const t = treeOf(21);
  for (let i = 0; i < 21; i++) {
    const proof = t.inclusionProof(i, 21);
    for (let j = 0; j < proof.length; j++) {
      const bad = proof.map((p) => Buffer.from(p));
      bad[j][5] ^= 0x01;
      assert.throws(() => verifyInclusion(i, 21, t.leafHash(i), bad, t.root()), ProofError);
    }
    assert.throws(() => rootFromInclusionProof(i, 21, t.leafHash(i), [...proof, t.root()]), /too long|root/);
  }
});

test('edge cases: equal sizes, the empty tree, bad arguments', () => {
  const t = treeOf(5);
  verifyConsistency(5, 5, t.root(), t.root(), []);
  assert.throws(() => verifyConsistency(5, 5, t.root(), t.root(4), []), /two different roots/);
  assert.throws(() => verifyConsistency(5, 4, t.root(), t.root(4), []), /smaller/);
  verifyConsistency(0, 5, emptyRoot(), t.root(), []);
  assert.throws(() => verifyConsistency(3, 5, t.root(3), t.root(), []), /empty consistency proof/);
  assert.throws(() => verifyInclusion(5, 5, t.leafHash(0), [], t.root()), /not below/);
  assert.throws(() => t.inclusionProof(0, 6), RangeError);
  assert.throws(() => t.consistencyProof(6, 5), RangeError);
  assert.throws(() => t.append(Buffer.alloc(31)), RangeError);
});

test('hashLeafText is hashLeaf of the UTF-8 bytes, non-ASCII included', () => {
  for (const text of ['', '{"a":1}', 'naïve — 日本語 \u{1F600}', '\u0000inside']) {
    assert.equal(hashLeafText(text), hashLeaf(Buffer.from(text, 'utf8')).toString('hex'), JSON.stringify(text));
  }
});

test('leaves appended as hex, with heads asked for at any moment, give the same tree as bytes appended at once', () => {
  const bytes = treeOf(37);
  const mixed = new MerkleTree();
  for (let i = 0; i < 37; i++) {
    const h = hashLeaf(Buffer.from(`leaf ${i}`));
    mixed.append(i % 2 ? h.toString('hex') : h);
    // Parents are hashed lazily: heads and proofs taken mid-way must not disturb later ones.
    if (i % 5 === 3) assert.equal(mixed.root().toString('hex'), bytes.root(i + 1).toString('hex'), `root of size ${i + 1}`);
  }
  assert.equal(mixed.root().toString('hex'), bytes.root().toString('hex'));
  assert.deepEqual(hex(mixed.inclusionProof(20)), hex(bytes.inclusionProof(20)));
  assert.deepEqual(hex(mixed.consistencyProof(13)), hex(bytes.consistencyProof(13)));
  assert.throws(() => mixed.append('ab'.repeat(31)), RangeError);
  assert.throws(() => mixed.append('zz'.repeat(32)), RangeError);
  assert.equal(mixed.size, 37, 'a refused leaf is not counted');
});

test('appending is incremental: a tree of 100k leaves builds quickly and proves any leaf', () => {
  const t = new MerkleTree();
  const start = Date.now();
  for (let i = 0; i < 100_000; i++) t.append(hashLeaf(Buffer.from(String(i))));
  const root = t.root();
  verifyInclusion(77_777, 100_000, hashLeaf(Buffer.from('77777')), t.inclusionProof(77_777), root);
  verifyConsistency(65_537, 100_000, t.root(65_537), root, t.consistencyProof(65_537));
  // Generous bound: a per-append full recomputation would take minutes, not seconds.
  assert.ok(Date.now() - start < 10_000);
});
