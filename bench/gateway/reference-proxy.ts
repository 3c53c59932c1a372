import http from 'node:http';
import { serveAsChild } from '../child-server.js';

/**
 * The least a node:http proxy can add: read the body, forward it over a keep-alive node:http
 * client, send the reply back. No checks, no audit. The benchmark measures it beside the gateway
 * so a reader can tell the machine's speed at that moment (it drifts by ±25% within an hour on a
 * small VM). Usage: node reference-proxy.js UPSTREAM_PORT; prints PORT=n.
 */
const upstreamPort = Number(process.argv[2]);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });
const server = http.createServer((req, res) => {
  const parts: Buffer[] = [];
  req.on('data', (c: Buffer) => parts.push(c));
  req.on('end', () => {
    const body = Buffer.concat(parts);
    const out = http.request(
      { host: '127.0.0.1', port: upstreamPort, path: req.url, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } },
      (up) => {
        const chunks: Buffer[] = [];
        up.on('data', (d: Buffer) => chunks.push(d));
        up.on('end', () => {
          const reply = Buffer.concat(chunks);
          res.writeHead(up.statusCode ?? 502, { 'content-type': up.headers['content-type'] ?? 'application/json', 'content-length': reply.length });
          res.end(reply);
        });
      },
    );
    out.on('error', () => res.destroy());
    out.end(body);
  });
});
serveAsChild(server);
