import assert from 'node:assert/strict';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { LeanFront, type LeanFrontOptions } from './lean-front.js';

/** A node:http server answering everything "node <method> <url> <body length>", with the lean front taking POST /fast. */
async function startServer(extra: Partial<LeanFrontOptions> = {}) {
  const server = http.createServer({ noDelay: true }, (req, res) => {
    let n = 0;
    req.on('data', (c: Buffer) => (n += c.length));
    req.on('end', () => res.end(`node ${req.method} ${req.url} ${n} port=${req.socket.remotePort}`));
  });
  const closes: { finished: boolean }[] = [];
  const front = new LeanFront(server, {
    maxBodyBytes: 1000,
    takes: (method, path) => method === 'POST' && path === '/fast',
    serve(req, res) {
      res.on('close', () => closes.push({ finished: res.writableFinished }));
      const body = Buffer.from(`lean ${req.target} ${req.body.length} ${req.headers['x-tag'] ?? ''} port=${res.socket.remotePort}`);
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(body.length) });
      res.end(body);
    },
    ...extra,
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { server, front, port, closes };
}

type TestServer = Awaited<ReturnType<typeof startServer>>;

async function stop(t: TestServer): Promise<void> {
  t.front.closeAll();
  await new Promise((r) => t.server.close(r));
}

/** POSTs an empty body with node's client: the reply's headers and bytes, read from `readAfterMs` on. */
function postEmpty(port: number, path: string, readAfterMs = 0): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const r = http.request({ port, host: '127.0.0.1', path, method: 'POST', headers: { 'content-length': 0 } }, (res) => {
      const parts: Buffer[] = [];
      res.pause();
      setTimeout(() => res.resume(), readAfterMs);
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(parts) }));
    });
    r.on('error', reject);
    r.end();
  });
}

/** Writes `bytes` on one connection (in pieces, if given several) and reads until the server closes it. */
async function exchange(port: number, ...pieces: (string | Buffer)[]): Promise<string> {
  const s = net.connect(port, '127.0.0.1');
  const out: Buffer[] = [];
  s.on('data', (d) => out.push(d));
  const closed = new Promise((r) => s.on('close', r));
  for (const p of pieces) {
    s.write(p);
    await new Promise((r) => setTimeout(r, 5));
  }
  await closed;
  return Buffer.concat(out).toString('latin1');
}

const post = (path: string, body: string, more = '') => `POST ${path} HTTP/1.1\r\nHost: t\r\n${more}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const bodies = (raw: string) => [...raw.matchAll(/\r\n\r\n((?:lean|node) [^\r\n]*?)(?=HTTP\/1\.1|$)/g)].map((m) => m[1].replace(/ port=\d+/, ''));

describe('the lean front before node:http', () => {
  let s: TestServer;
  before(async () => (s = await startServer()));
  after(() => stop(s));

  it('answers the requests it takes and hands the connection to node:http at the first it does not, pipelined or not', async () => {
    const raw = await exchange(
      s.port,
      post('/fast', 'abc', 'X-Tag: one\r\n') + post('/fast?q=1', 'de'),
      post('/other', 'fgh'),
      post('/fast', 'ij', 'Connection: close\r\n'), // node:http keeps the connection now
    );
    assert.deepEqual(bodies(raw), ['lean /fast 3 one', 'lean /fast?q=1 2 ', 'node POST /other 3', 'node POST /fast 2']);
    assert.equal(new Set([...raw.matchAll(/port=(\d+)/g)].map((m) => m[1])).size, 1, 'all on one connection');
    assert.match(raw, /^HTTP\/1\.1 200 OK\r\ncontent-type: text\/plain\r\ncontent-length: 27\r\ndate: .+ GMT\r\nconnection: keep-alive\r\nkeep-alive: timeout=5\r\n\r\n/);
  });

  it('reads a request that arrives byte by byte', async () => {
    const req = post('/fast', 'slow body', 'Connection: close\r\n');
    const raw = await exchange(s.port, ...req.match(/[\s\S]{1,7}/g)!);
    assert.deepEqual(bodies(raw), ['lean /fast 9 ']);
    assert.match(raw, /connection: close\r\n/);
  });

  it('leaves chunked bodies, bodies over the limit and malformed heads to node:http', async () => {
    const chunked = 'POST /fast HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n';
    assert.deepEqual(bodies(await exchange(s.port, chunked)), ['node POST /fast 5']);
    assert.deepEqual(bodies(await exchange(s.port, post('/fast', 'x'.repeat(1001), 'Connection: close\r\n'))), ['node POST /fast 1001']);
    assert.match(await exchange(s.port, 'POST /fast HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nBad Header: x\r\n\r\nab'), /^HTTP\/1\.1 400 Bad Request/);
  });

  it('tells a response in flight when its client goes away', async () => {
    let answer!: () => void;
    const hold = await startServer({
      serve(_req, res) {
        res.on('close', () => hold.closes.push({ finished: res.writableFinished }));
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: 1\n\n');
        answer = () => res.end();
      },
    });
    try {
      const sock = net.connect(hold.port, '127.0.0.1');
      sock.write(post('/fast', '{}'));
      await new Promise((r) => sock.once('data', r));
      sock.destroy();
      for (let i = 0; i < 100 && hold.closes.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
      assert.deepEqual(hold.closes, [{ finished: false }]);
      answer(); // writing to a closed connection is harmless
      assert.equal(hold.front.size, 0);
    } finally {
      await stop(hold);
    }
  });

  it('streams in chunked coding and sends bodies byte for byte, small and large', async () => {
    const bytes = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 256));
    const streamed = await startServer({
      serve(req, res) {
        if (req.target === '/fast?big') {
          res.writeHead(200, { 'content-length': String(bytes.length) });
          res.end(bytes);
          return;
        }
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('naïve ');
        res.write(Buffer.from('日本語 '));
        res.write('');
        res.end(bytes.subarray(0, 70_000));
      },
    });
    try {
      const s1 = await postEmpty(streamed.port, '/fast');
      assert.equal(s1.headers['transfer-encoding'], 'chunked');
      assert.deepEqual(s1.body, Buffer.concat([Buffer.from('naïve 日本語 '), bytes.subarray(0, 70_000)]));
      const s2 = await postEmpty(streamed.port, '/fast?big');
      assert.deepEqual(s2.body, bytes);
    } finally {
      await stop(streamed);
    }
  });

  it('reports backpressure: write() says false when the client reads slowly, and drain follows once it reads', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let fulls = 0;
    const slow = await startServer({
      serve(_req, res) {
        res.writeHead(200, { 'content-type': 'text/plain' });
        void (async () => {
          for (let i = 0; i < 64; i++) {
            if (!res.write(chunk)) {
              fulls++;
              await new Promise<void>((r) => res.on('drain', r));
            }
          }
          res.end();
        })();
      },
    });
    try {
      const { body } = await postEmpty(slow.port, '/fast', 200); // reads nothing for 200 ms
      assert.equal(body.length, 64 * chunk.length);
      assert.ok(fulls > 0, 'the writer had to wait for drain');
    } finally {
      await stop(slow);
    }
  });

  it('ends connections idle past the keep-alive timeout, and idle ones at once when closing', async () => {
    const t = await startServer({ sweepEveryMs: 20 });
    t.server.keepAliveTimeout = 100;
    try {
      const idle = net.connect(t.port, '127.0.0.1');
      idle.write(post('/fast', 'a'));
      await new Promise((r) => idle.once('data', r));
      const started = Date.now();
      await new Promise((r) => idle.on('close', r));
      assert.ok(Date.now() - started >= 80, 'not before the timeout');
      const other = net.connect(t.port, '127.0.0.1');
      other.write(post('/fast', 'a'));
      await new Promise((r) => other.once('data', r));
      t.front.closeIdle();
      await new Promise((r) => other.on('close', r));
      for (let i = 0; i < 100 && t.front.size > 0; i++) await new Promise((r) => setTimeout(r, 5));
      assert.equal(t.front.size, 0);
    } finally {
      await stop(t);
    }
  });
});
