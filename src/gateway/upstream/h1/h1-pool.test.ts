import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { TEST_TLS_CERT, TEST_TLS_KEY } from '../../testing/test-tls-certificate.js';
import { H1Pool, type H1PoolOptions } from './h1-pool.js';
import { HttpParseError } from './response-parser.js';

interface Reply {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/** One request through the pool, as a promise; `replyStarted` is attached to a failure. */
function send(pool: H1Pool, path: string, body: string, url: URL, onExchange?: (abort: (err?: Error) => void) => void): Promise<Reply> {
  const payload = Buffer.from(body);
  const head = `POST ${path} HTTP/1.1\r\nhost: ${url.host}\r\ncontent-type: text/plain\r\ncontent-length: ${payload.length}\r\n\r\n`;
  return new Promise((resolve, reject) => {
    let status = 0;
    let headers = new Map<string, string>();
    const chunks: Buffer[] = [];
    const ex = pool.request(Buffer.concat([Buffer.from(head, 'latin1'), payload]), {
      head: (h) => {
        status = h.status;
        headers = h.headers;
      },
      body: (c) => chunks.push(c),
      end: () => resolve({ status, headers, body: Buffer.concat(chunks).toString() }),
      fail: (err, replyStarted) => reject(Object.assign(err, { replyStarted })),
    });
    onExchange?.((err) => ex.abort(err));
  });
}

/** TEST DOUBLE: a loopback server from a request handler; counts connections. */
async function serve(handler: http.RequestListener, secure = false) {
  const server = secure ? https.createServer({ key: TEST_TLS_KEY, cert: TEST_TLS_CERT }, handler) : http.createServer(handler);
  let connections = 0;
  server.on(secure ? 'secureConnection' : 'connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = new URL(`${secure ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const pools: H1Pool[] = [];
  return {
    url,
    pool: (opts: H1PoolOptions = {}) => {
      const pool = new H1Pool(url, opts);
      pools.push(pool);
      return pool;
    },
    get connections() {
      return connections;
    },
    /** Closes the pools made here, then the server. */
    async close() {
      for (const pool of pools) pool.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/** TEST DOUBLE: a raw TCP server that answers each piece of a request with `reply` (and then calls `after`). */
async function rawServer(reply: string, after: (s: net.Socket) => void = () => undefined) {
  const sockets: net.Socket[] = [];
  const server = net.createServer((s) => {
    sockets.push(s);
    s.on('data', () => {
      s.write(reply);
      after(s);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return {
    url,
    sockets,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

const echo: http.RequestListener = (req, res) => {
  const parts: Buffer[] = [];
  req.on('data', (c: Buffer) => parts.push(c));
  req.on('end', () => {
    res.setHeader('x-path', req.url ?? '');
    res.end(Buffer.concat(parts));
  });
};

test('requests in turn share one keep-alive connection, and each gets its own reply', async () => {
  const s = await serve(echo);
  const pool = s.pool();
  try {
    for (let i = 0; i < 5; i++) {
      const r = await send(pool, `/v1/x?i=${i}`, `body ${i} é`, s.url);
      assert.equal(r.status, 200);
      assert.equal(r.body, `body ${i} é`);
      assert.equal(r.headers.get('x-path'), `/v1/x?i=${i}`);
    }
    assert.equal(s.connections, 1);
    assert.equal(pool.connections, 1);
  } finally {
    await s.close();
  }
});

test('chunked replies arrive whole; a streamed reply reaches the sink chunk by chunk', async () => {
  const s = await serve((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('data: 1\n\n');
    setTimeout(() => res.end('data: 2\n\n'), 30);
  });
  const pool = s.pool();
  try {
    const seen: string[] = [];
    await new Promise<void>((resolve, reject) => {
      pool.request(Buffer.from(`POST / HTTP/1.1\r\nhost: ${s.url.host}\r\ncontent-length: 0\r\n\r\n`), {
        head: (h) => assert.equal(h.headers.get('transfer-encoding'), 'chunked'),
        body: (c) => seen.push(c.toString()),
        end: resolve,
        fail: reject,
      });
    });
    assert.deepEqual(seen, ['data: 1\n\n', 'data: 2\n\n']);
  } finally {
    await s.close();
  }
});

test('a connection the server closed while idle is not reused: the next request opens a new one', async () => {
  const raw = await rawServer('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok', (sock) => setTimeout(() => sock.destroy(), 20));
  const pool = new H1Pool(raw.url);
  try {
    assert.equal((await send(pool, '/', 'a', raw.url)).body, 'ok');
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(pool.connections, 0, 'the closed connection left the pool');
    assert.equal((await send(pool, '/', 'b', raw.url)).body, 'ok');
    assert.equal(raw.sockets.length, 2);
  } finally {
    pool.close();
    await raw.close();
  }
});

test('connections idle past the server\'s Keep-Alive timeout (less a second) are not reused', async () => {
  const raw = await rawServer('HTTP/1.1 200 OK\r\nkeep-alive: timeout=1\r\ncontent-length: 2\r\n\r\nok', () => undefined);
  const pool = new H1Pool(raw.url);
  try {
    await send(pool, '/', 'a', raw.url);
    await send(pool, '/', 'b', raw.url); // timeout=1 leaves no time at all for reuse
    assert.equal(raw.sockets.length, 2);
  } finally {
    pool.close();
    await raw.close();
  }
});

test('at most maxConnections are open; further requests wait for one and are all answered', async () => {
  let open = 0;
  let most = 0;
  const s = await serve((req, res) => {
    open++;
    most = Math.max(most, open);
    req.resume();
    setTimeout(() => {
      open--;
      res.end(req.url);
    }, 20);
  });
  const pool = s.pool({ maxConnections: 2 });
  try {
    const replies = await Promise.all([1, 2, 3, 4, 5].map((i) => send(pool, `/${i}`, '', s.url)));
    assert.deepEqual(replies.map((r) => r.body), ['/1', '/2', '/3', '/4', '/5']);
    assert.equal(most, 2);
    assert.equal(s.connections, 2);
  } finally {
    await s.close();
  }
});

test('failures: refused connection, a reply that is not HTTP, a body cut off, an abort with an error', async () => {
  const closed = await rawServer('');
  const deadUrl = closed.url;
  await closed.close();
  const refused: any = await send(new H1Pool(deadUrl), '/', '', deadUrl).catch((e) => e);
  assert.equal(refused.replyStarted, false);
  assert.match(refused.code, /ECONNREFUSED/);

  const garbage = await rawServer('SSH-2.0-OpenSSH_9.2\r\n\r\n');
  const g: any = await send(new H1Pool(garbage.url), '/', '', garbage.url).catch((e) => e);
  assert.equal(g.replyStarted, false);
  assert.ok(g instanceof HttpParseError);
  await garbage.close();

  const cut = await rawServer('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nonly this', (sock) => sock.end());
  const c: any = await send(new H1Pool(cut.url), '/', '', cut.url).catch((e) => e);
  assert.equal(c.replyStarted, true);
  assert.match(c.message, /cut off/);
  await cut.close();

  const silent = await rawServer('');
  const pool = new H1Pool(silent.url);
  const timedOut: any = await send(pool, '/', '', silent.url, (abort) => setTimeout(() => abort(new Error('took too long')), 30)).catch((e) => e);
  assert.equal(timedOut.message, 'took too long');
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(pool.connections, 0, 'the aborted exchange closed its connection');
  await silent.close();
});

test('HTTPS: the same over TLS, the server checked against the CA given', async () => {
  const s = await serve(echo, true);
  const trusted = s.pool({ tls: { ca: TEST_TLS_CERT } });
  const untrusted = s.pool();
  try {
    assert.equal((await send(trusted, '/secure', 'over tls', s.url)).body, 'over tls');
    assert.equal((await send(trusted, '/secure', 'again', s.url)).body, 'again');
    assert.equal(s.connections, 1);
    const err: any = await send(untrusted, '/', '', s.url).catch((e) => e);
    assert.match(err.code, /SELF_SIGNED|UNABLE_TO_VERIFY/);
  } finally {
    await s.close();
  }
});

test('a connection paused by a slow reader as its reply ended serves the next request normally', async () => {
  const s = await serve((req, res) => {
    req.resume();
    req.on('end', () => res.end(`reply to ${req.url}`));
  });
  const pool = s.pool();
  try {
    const first = await new Promise<string>((resolve, reject) => {
      let text = '';
      const ex = pool.request(Buffer.from(`POST /one HTTP/1.1\r\nhost: ${s.url.host}\r\ncontent-length: 0\r\n\r\n`), {
        head: () => ex.pause(), // backpressure at once; the whole reply is in the same read
        body: (c) => (text += c),
        end: () => resolve(text),
        fail: reject,
      });
    });
    assert.equal(first, 'reply to /one');
    const second = await Promise.race([send(pool, '/two', '', s.url), new Promise<Reply>((_, reject) => setTimeout(() => reject(new Error('the reused connection never read its reply')), 2000))]);
    assert.equal(second.body, 'reply to /two');
    assert.equal(s.connections, 1);
  } finally {
    await s.close();
  }
});
