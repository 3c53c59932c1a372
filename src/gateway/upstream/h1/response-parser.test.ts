import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpParseError, type ResponseHead, ResponseParser } from './response-parser.js';

interface Seen {
  heads: ResponseHead[];
  body: string;
  ended: number;
  parser: ResponseParser;
}

function parser(noBody = false): Seen {
  const seen = { heads: [], body: '', ended: 0 } as unknown as Seen;
  seen.parser = new ResponseParser(
    {
      head: (h) => seen.heads.push(h),
      body: (c) => (seen.body += c.toString('latin1')),
      end: () => seen.ended++,
    },
    noBody,
  );
  return seen;
}

/** Feeds `text` cut at every given offset. */
function feed(p: ResponseParser, text: string, cuts: number[] = []): void {
  const bytes = Buffer.from(text, 'latin1');
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    p.push(bytes.subarray(at, cut));
    at = cut;
  }
}

const CHUNKED =
  'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n' +
  '6\r\ndata: \r\n' + 'b;ext=1\r\n{"a":"é"}\n\n\r\n' + '0\r\nx-trailer: 1\r\n\r\n';

test('a Content-Length body: head then body, keep-alive by default in HTTP/1.1, names lower-cased', () => {
  const s = parser();
  feed(s.parser, 'HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 11\r\nX-A: 1\r\nx-a: 2\r\n\r\n{"ok":true}');
  assert.equal(s.heads.length, 1);
  assert.equal(s.heads[0].status, 201);
  assert.equal(s.heads[0].headers.get('content-type'), 'application/json');
  assert.equal(s.heads[0].headers.get('x-a'), '1, 2', 'repeated headers are joined');
  assert.equal(s.body, '{"ok":true}');
  assert.equal(s.ended, 1);
  assert.ok(s.parser.reusable);
});

test('a chunked body is de-chunked the same whichever byte boundaries it arrives in, trailers skipped', () => {
  const whole = parser();
  feed(whole.parser, CHUNKED);
  assert.equal(whole.body, 'data: {"a":"é"}\n\n');
  assert.equal(whole.ended, 1);
  assert.ok(whole.parser.reusable);
  for (let i = 1; i < CHUNKED.length; i++) {
    for (const j of [i + 1, i + 7]) {
      const s = parser();
      feed(s.parser, CHUNKED, j < CHUNKED.length ? [i, j] : [i]);
      assert.equal(s.body, whole.body, `cut at ${i}, ${j}`);
      assert.equal(s.ended, 1, `cut at ${i}, ${j}`);
      assert.equal(s.heads.length, 1);
    }
  }
});

test('a chunk reaches the sink as soon as its bytes arrive, before the reply ends', () => {
  const s = parser();
  feed(s.parser, 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel');
  assert.equal(s.body, 'hel');
  assert.equal(s.ended, 0);
  feed(s.parser, 'lo\r\n');
  assert.equal(s.body, 'hello');
  assert.equal(s.ended, 0);
});

test('interim 1xx replies are skipped; 204, 304 and replies to HEAD have no body', () => {
  const s = parser();
  feed(s.parser, 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi');
  assert.deepEqual(s.heads.map((h) => h.status), [200]);
  assert.equal(s.body, 'hi');
  for (const [text, noBody] of [['HTTP/1.1 204 No Content\r\n\r\n', false], ['HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n', false], ['HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n', true]] as const) {
    const e = parser(noBody);
    feed(e.parser, text);
    assert.equal(e.ended, 1, text);
    assert.ok(e.parser.reusable, text);
  }
});

test('a body without length runs to the connection\'s end, and that connection is not reused', () => {
  const s = parser();
  feed(s.parser, 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of ');
  feed(s.parser, 'it');
  assert.equal(s.ended, 0);
  s.parser.close();
  assert.equal(s.body, 'all of it');
  assert.equal(s.ended, 1);
  assert.equal(s.heads[0].keepAlive, false);
  assert.equal(s.parser.reusable, false);
});

test('Connection: close, HTTP/1.0 without keep-alive, and bytes after the reply each make the connection unusable', () => {
  const close = parser();
  feed(close.parser, 'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  assert.equal(close.parser.reusable, false);
  const old = parser();
  feed(old.parser, 'HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n');
  assert.equal(old.parser.reusable, false);
  const oldKept = parser();
  feed(oldKept.parser, 'HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n');
  assert.equal(oldKept.parser.reusable, true);
  const extra = parser();
  feed(extra.parser, 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi!');
  assert.equal(extra.body, 'hi');
  assert.equal(extra.parser.reusable, false);
});

test('a reply cut off before its head or inside its body fails on close', () => {
  for (const text of ['', 'HTTP/1.1 200 OK\r\nContent-Le', 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n']) {
    const s = parser();
    feed(s.parser, text);
    assert.throws(() => s.parser.close(), HttpParseError, JSON.stringify(text));
  }
});

test('malformed replies are refused with HttpParseError', () => {
  const bad = [
    'HTTP/2 200\r\n\r\n',
    'ICY 200 OK\r\n\r\n',
    'HTTP/1.1 20 OK\r\n\r\n',
    'HTTP/1.1 200 OK\r\nno colon here\r\n\r\n',
    'HTTP/1.1 200 OK\r\nbad name: x\r\n\r\n',
    'HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\n',
    'HTTP/1.1 200 OK\r\nContent-Length: 1, 2\r\n\r\n',
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhiXX',
    'HTTP/1.1 101 Switching Protocols\r\n\r\n',
  ];
  for (const text of bad) assert.throws(() => feed(parser().parser, text), HttpParseError, JSON.stringify(text));
  const huge = parser();
  assert.throws(() => feed(huge.parser, `HTTP/1.1 200 OK\r\nx: ${'a'.repeat(70_000)}`), /larger than/);
});

test('chunked wins over Content-Length; the same Content-Length twice is accepted', () => {
  const s = parser();
  feed(s.parser, 'HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n');
  assert.equal(s.body, 'ok');
  assert.equal(s.ended, 1);
  const twice = parser();
  feed(twice.parser, 'HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\n\r\nok');
  assert.equal(twice.body, 'ok');
});
