import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const NEEDING = ['src/gateway/quota/redis-quota-store.test', 'src/gateway/store/postgres-gateway-store.test', 'src/gateway/distributed.test'];

test('without redis-server and PostgreSQL, the runner\'s summary counts each test that needs them as skipped', () => {
  const expected = NEEDING.map((f) => readFileSync(join(ROOT, 'dist', `${f}.js`), 'utf8').match(/^\s*it\(/gm)?.length ?? 0).reduce((a, b) => a + b, 0);
  assert.ok(expected >= 20, `found the tests (${expected})`);
  const env: NodeJS.ProcessEnv = { ...process.env, REDIS_SERVER: '/nonexistent/redis-server', PG_BIN: '/nonexistent' };
  delete env.NODE_TEST_CONTEXT; // a runner of its own, not a child reporting to this one
  const r = spawnSync(process.execPath, ['scripts/run-tests.mjs', ...NEEDING.map((f) => `${f}.js`)], { cwd: ROOT, env, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const summary = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(r.stdout)?.[1]);
  assert.equal(summary('tests'), expected, r.stdout);
  assert.equal(summary('skipped'), expected);
  assert.equal(summary('pass'), 0);
  assert.match(r.stdout, /# SKIP redis-server not found/);
  assert.match(r.stdout, /# SKIP PostgreSQL binaries \(initdb, pg_ctl\) not found/);
});
