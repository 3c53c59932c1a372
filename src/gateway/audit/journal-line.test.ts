import { test } from 'node:test';
import assert from 'node:assert/strict';
import { journalLine, journalTail, parseJournalLine } from './journal-line.js';

const hash = 'ab'.repeat(32);

test('a leaf, with and without its body, reads back from its journal line as it was written', () => {
  const bare = { entry: '{"kind":"request","note":"tab\\there, quote \\" and naïve"}', leafHash: hash };
  const withBody = { ...bare, body: { requestId: 'req\t1', part: 'response', salt: Buffer.from([1, 2, 3]), body: Buffer.from('line one\nline two\t✓') } };
  for (const leaf of [bare, withBody]) {
    const line = journalLine(42, leaf);
    assert.ok(!line.includes('\n'), 'one line per leaf');
    assert.ok(line.includes(leaf.entry), 'the canonical entry is written as it is, not escaped');
    assert.deepEqual(parseJournalLine(line), { index: 42, leaf });
    // Encoded early (as a leaf is queued) and numbered at its commit: the same line.
    const tail = journalTail(leaf);
    assert.ok(tail !== null && !tail.includes(String(42)));
    assert.equal(journalLine(42, leaf, tail), line);
  }
});

test('an entry that is not canonical JSON (a raw tab or newline) still round-trips, as a JSON line', () => {
  const leaf = { entry: '{"a":\t1}\n', leafHash: hash };
  const line = journalLine(7, leaf);
  assert.equal(journalTail(leaf), null, 'no early encoding: the index goes inside the JSON');
  assert.equal(journalLine(7, leaf, null), line);
  assert.ok(line.startsWith('{') && !line.includes('\n'));
  assert.deepEqual(parseJournalLine(line), { index: 7, leaf });
});

test('journal lines of the first (JSON) format still read; anything else is refused', () => {
  const old = JSON.stringify({ i: 3, e: '{"i":3}', h: hash, r: 'req-3', p: 'request', s: 'AQID', b: Buffer.from('hi').toString('base64') });
  assert.deepEqual(parseJournalLine(old), {
    index: 3,
    leaf: { entry: '{"i":3}', leafHash: hash, body: { requestId: 'req-3', part: 'request', salt: Buffer.from([1, 2, 3]), body: Buffer.from('hi') } },
  });
  for (const bad of ['', '3\tnot-a-hash\t{}', `x\t${hash}\t{}`, `3\t${hash}`, `3\t${hash}\t{}\t"r"`, '{"i":"3"}', '{"i":3,']) {
    assert.throws(() => parseJournalLine(bad), Error, JSON.stringify(bad));
  }
});
