import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byteToUnicode, trainByteBpe } from './tiny-bpe.js';

describe('byteToUnicode', () => {
  it("matches GPT-2's table at the bytes tokenizers depend on", () => {
    const t = byteToUnicode();
    assert.equal(new Set(t).size, 256);
    assert.equal(t[0x20], 'Ġ'); // space
    assert.equal(t[0x0a], 'Ċ'); // newline
    assert.equal(t[0x41], 'A');
    assert.equal(t[0], 'Ā');
  });
});

describe('trainByteBpe', () => {
  it('learns merges whose parts and results are all tokens', () => {
    const { tokens, merges } = trainByteBpe(100);
    assert.equal(merges.length, 100);
    const vocab = new Set(tokens);
    assert.equal(vocab.size, tokens.length);
    for (const merge of merges) {
      const parts = merge.split(' ');
      assert.equal(parts.length, 2, merge);
      assert.ok(vocab.has(parts[0]) && vocab.has(parts[1]) && vocab.has(parts[0] + parts[1]), merge);
    }
  });

  it('merges the most frequent pair first', () => {
    const { merges } = trainByteBpe(1, 'ab ab ab cd');
    assert.deepEqual(merges, ['a b']);
  });

  it('stops when nothing is left to merge', () => {
    const { merges, tokens } = trainByteBpe(50, 'abc');
    assert.deepEqual(merges, ['a b', 'ab c']);
    assert.equal(tokens.length, 258);
  });
});
