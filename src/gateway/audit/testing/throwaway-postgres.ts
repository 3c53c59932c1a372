/**
 * A real, disposable PostgreSQL server for tests: initdb into a temp dir, start on a free
 * loopback port with its socket in that dir, create one database, and stop()+delete afterwards.
 * Postgres refuses to run as root, so as root the server runs as the `postgres` OS user (or
 * `nobody`) through runuser. If no PostgreSQL binaries are found, postgresUnavailable() says why
 * and tests should skip with that message.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface ThrowawayPostgres {
  connectionString: string;
  stop(): Promise<void>;
}

/** Directory with initdb/pg_ctl: $PG_BIN, the newest /usr/lib/postgresql/N/bin, or PATH. */
export function findPostgresBin(): string | undefined {
  const has = (d: string) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl'));
  // PG_BIN, when set, is the only folder tried (one without initdb: no PostgreSQL).
  if (process.env.PG_BIN) return has(process.env.PG_BIN) ? process.env.PG_BIN : undefined;
  const candidates: string[] = [];
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(base, v, 'bin')));
  }
  candidates.push(...(process.env.PATH ?? '').split(':').filter(Boolean));
  return candidates.find(has);
}

/** Why a throwaway server cannot be started here, or undefined if it can. */
export function postgresUnavailable(): string | undefined {
  if (!findPostgresBin()) return 'PostgreSQL binaries (initdb, pg_ctl) not found: install postgresql or set PG_BIN';
  if (process.getuid?.() === 0 && !osUser()) return 'running as root and neither a postgres nor a nobody OS user exists to run the server';
  return undefined;
}

/** The unprivileged OS user to run the server as when we are root. */
function osUser(): { name: string; uid: number; gid: number } | undefined {
  let passwd = '';
  try {
    passwd = readFileSync('/etc/passwd', 'utf8');
  } catch {
    return undefined;
  }
  for (const name of ['postgres', 'nobody']) {
    const fields = passwd.split('\n').find((l) => l.startsWith(`${name}:`))?.split(':');
    if (fields && fields.length >= 4) return { name, uid: Number(fields[2]), gid: Number(fields[3]) };
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export async function startThrowawayPostgres(database = 'crosscheck_test'): Promise<ThrowawayPostgres> {
  const why = postgresUnavailable();
  if (why) throw new Error(why);
  const bin = findPostgresBin()!;
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-pg-'));
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? osUser()! : undefined;
  if (user) chownSync(dir, user.uid, user.gid);
  const exec = (cmd: string, args: string[]) => (user ? run('runuser', ['-u', user.name, '--', join(bin, cmd), ...args]) : run(join(bin, cmd), args));
  const data = join(dir, 'data');
  let started = false;
  const stop = async (): Promise<void> => {
    if (started) {
      started = false;
      await exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await exec('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--no-instructions']);
    const port = await freePort();
    // Durability settings off: this server lives for one test file.
    const opts = `-k ${dir} -h 127.0.0.1 -p ${port} -F -c full_page_writes=off -c synchronous_commit=off`;
    started = true;
    await exec('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'server.log'), '-w', '-t', '30', 'start']);
    const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${pg.Client.prototype.escapeIdentifier(database)}`);
    } finally {
      await admin.end();
    }
    return { connectionString: `postgresql://postgres@127.0.0.1:${port}/${encodeURIComponent(database)}`, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
