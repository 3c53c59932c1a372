/**
 * TEST HELPER: a real, disposable redis-server for tests, on a free loopback port, with
 * persistence off (`--save '' --appendonly no`) and its working directory in a temp dir that
 * stop() deletes. If redis-server is not installed, redisUnavailable() says why and tests skip
 * with that message (CI installs it from Debian).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ThrowawayRedis {
  /** `redis://127.0.0.1:PORT` */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** redis-server from $REDIS_SERVER, /usr/bin, /usr/local/bin or PATH. */
export function findRedisServer(): string | undefined {
  // REDIS_SERVER, when set, is the only one tried (a path that does not exist: no Redis).
  if (process.env.REDIS_SERVER) return existsSync(process.env.REDIS_SERVER) ? process.env.REDIS_SERVER : undefined;
  const candidates = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'];
  for (const dir of (process.env.PATH ?? '').split(':').filter(Boolean)) candidates.push(join(dir, 'redis-server'));
  return candidates.find((p): p is string => !!p && existsSync(p));
}

/** Why a throwaway Redis cannot be started here, or undefined if it can. */
export function redisUnavailable(): string | undefined {
  return findRedisServer() ? undefined : 'redis-server not found: install redis-server (Debian: apt-get install redis-server) or set REDIS_SERVER';
}

export async function startThrowawayRedis(): Promise<ThrowawayRedis> {
  const bin = findRedisServer();
  if (!bin) throw new Error(redisUnavailable());
  let lastError: unknown;
  // The free port can be taken between finding it and redis binding it: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOn(bin, await freePort());
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

async function startOn(bin: string, port: number): Promise<ThrowawayRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-redis-'));
  const child = spawn(bin, ['--save', '', '--appendonly', 'no', '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--daemonize', 'no', '--loglevel', 'warning'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  // If the test process dies without calling stop(), do not leave the server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    await kill(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(port, child, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `redis://127.0.0.1:${port}`, port, stop };
}

/** Polls with PING until the server answers PONG (or exits, or 10 s pass). */
async function waitUntilServing(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`redis-server exited at start: ${output().trim().slice(-500)}`);
    if (await pings(port)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`redis-server did not answer on port ${port} within 10 s: ${output().trim().slice(-500)}`);
}

function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(500, () => done(false));
    s.on('error', () => done(false));
    s.on('connect', () => s.write('PING\r\n'));
    s.on('data', (d) => {
      reply += d.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 2000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no free port'))));
    });
  });
}
