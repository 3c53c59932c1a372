import http from 'node:http';
import { Pool } from 'undici';
import { serveAsChild } from '../child-server.js';

/**
 * The least a proxy on the gateway's own libraries can add: node:http reads the body, an undici
 * Pool forwards it over keep-alive, the reply goes back. No checks, no audit. The benchmark runs
 * it beside the gateway, in the same rounds, so the gateway's own cost can be read off against
 * the machine's speed at that moment (it drifts by ±25% within an hour on a small shared VM).
 * Usage: node reference-proxy.js UPSTREAM_PORT; prints PORT=n.
 */
const pool = new Pool(`http://127.0.0.1:${Number(process.argv[2])}`, { connections: 1024 });
const server = http.createServer((req, res) => {
  const parts: Buffer[] = [];
  req.on('data', (c: Buffer) => parts.push(c));
  req.on('end', () => {
    const body = Buffer.concat(parts);
    pool.request({ path: req.url ?? '/', method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(
      async (up) => {
        const reply = Buffer.from(await up.body.arrayBuffer());
        const type = up.headers['content-type'];
        res.writeHead(up.statusCode, { 'content-type': typeof type === 'string' ? type : 'application/json', 'content-length': reply.length });
        res.end(reply);
      },
      () => res.destroy(),
    );
  });
});
serveAsChild(server);
