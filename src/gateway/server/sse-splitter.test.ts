import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SseSplitter } from './sse-splitter.js';

describe('SseSplitter', () => {
  it('finds events across arbitrary chunk boundaries, including inside a multi-byte character', () => {
    const text = 'event: a\ndata: {"x":"é"}\n\n: comment\n\ndata: line1\r\ndata: line2\r\n\r\ndata: [DONE]\n\n';
    const bytes = Buffer.from(text);
    for (const size of [1, 2, 3, 7, bytes.length]) {
      const seen: [string | undefined, string][] = [];
      const s = new SseSplitter((e, d) => seen.push([e, d]));
      for (let i = 0; i < bytes.length; i += size) s.push(bytes.subarray(i, i + size));
      assert.deepEqual(seen, [['a', '{"x":"é"}'], [undefined, 'line1\nline2'], [undefined, '[DONE]']], `chunk size ${size}`);
    }
  });
});
