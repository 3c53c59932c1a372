import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readRequestHead } from './request-head.js';

const head = (...lines: string[]) => lines.join('\r\n');
const usual = ['POST /v1/chat/completions?x=1 HTTP/1.1', 'Host: gw', 'Authorization: Bearer  k1 ', 'Content-Type: application/json', 'Content-Length: 12'];

test('a usual request: method, target, headers by lower-cased name with the value trimmed, body length, keep-alive', () => {
  const h = readRequestHead(head(...usual))!;
  assert.equal(h.method, 'POST');
  assert.equal(h.target, '/v1/chat/completions?x=1');
  assert.deepEqual(h.headers, { host: 'gw', authorization: 'Bearer  k1', 'content-type': 'application/json', 'content-length': '12' });
  assert.equal(h.contentLength, 12);
  assert.equal(h.keepAlive, true);
  assert.equal(readRequestHead(head(...usual, 'Connection: Close'))!.keepAlive, false);
  assert.equal(readRequestHead(head(...usual, 'Connection: keep-alive'))!.keepAlive, true);
});

test('anything unusual or malformed is left to node:http (null)', () => {
  const cases: Record<string, string> = {
    'HTTP/1.0': head('POST /v1/chat/completions HTTP/1.0', 'Host: gw', 'Content-Length: 2'),
    'absolute-form target': head('POST http://gw/v1/chat/completions HTTP/1.1', 'Host: gw', 'Content-Length: 2'),
    'lower-case method': head('post / HTTP/1.1', 'Host: gw', 'Content-Length: 2'),
    'chunked body': head(...usual.slice(0, 4), 'Transfer-Encoding: chunked'),
    'chunked and a length': head(...usual, 'Transfer-Encoding: chunked'),
    'Expect: 100-continue': head(...usual, 'Expect: 100-continue'),
    'Upgrade': head(...usual, 'Upgrade: websocket'),
    'a header twice': head(...usual, 'authorization: Bearer other'),
    'the length twice, equal': head(...usual, 'Content-Length: 12'),
    'no Host': head(usual[0], ...usual.slice(2)),
    'no Content-Length': head(...usual.slice(0, 4)),
    'a list as the length': head(...usual.slice(0, 4), 'Content-Length: 12, 12'),
    'a negative length': head(...usual.slice(0, 4), 'Content-Length: -1'),
    'an exponent as the length': head(...usual.slice(0, 4), 'Content-Length: 1e3'),
    'a folded line': head(...usual, 'X-Long: a', ' continued'),
    'space before the colon': head(...usual, 'X-Odd : a'),
    'no colon': head(...usual, 'X-Odd'),
    'a byte outside ASCII': head(...usual, 'X-Name: caf\xe9'),
    'a lone LF': head(...usual, 'X-A: a\nX-B: b'),
    'a lone CR': head(...usual, 'X-A: a\rX-B: b'),
    'a NUL': head(...usual, 'X-A: a\0'),
    '__proto__': head(...usual, '__proto__: x'),
  };
  for (const [what, text] of Object.entries(cases)) assert.equal(readRequestHead(text), null, what);
});
