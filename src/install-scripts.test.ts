import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

test('package.json decides every installed dependency\'s install scripts, so npm install prints no warning about them', (t) => {
  const r = spawnSync('npm', ['install-scripts', 'ls', '--json'], { cwd: ROOT, encoding: 'utf8' });
  if (r.error || r.status !== 0) return t.skip(`this npm has no install-scripts command (npm 11.x reads package.json#allowScripts): ${(r.stderr || String(r.error)).split('\n')[0]}`);
  assert.deepEqual(JSON.parse(r.stdout).allowScripts, [], 'dependencies with install scripts that package.json#allowScripts does not decide');
  const { allowScripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { allowScripts: Record<string, boolean> };
  for (const name of Object.keys(allowScripts)) {
    assert.ok(existsSync(join(ROOT, 'node_modules', name.replace(/(?<=.)@.*$/, ''), 'package.json')), `allowScripts names ${name}, which is not installed`);
  }
  assert.equal(allowScripts['better-sqlite3'], true, 'the SQLite binding is built by its install script');
});
