import type http from 'node:http';

/**
 * Runs a benchmark's helper server in its own process: keep-alive, loopback, a free port printed
 * as `PORT=n` once listening (the parent reads it), and an exit on SIGTERM or after 30 minutes,
 * so it never outlives the benchmark that started it.
 */
export function serveAsChild(server: http.Server): void {
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    process.stdout.write(`PORT=${typeof a === 'object' && a ? a.port : 0}\n`);
  });
  setTimeout(() => process.exit(0), 30 * 60_000).unref();
  process.on('SIGTERM', () => process.exit(0));
}
