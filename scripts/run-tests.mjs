// Runs every compiled *.test.js under dist/ with node's built-in test runner.
// Node 20's --test does not expand globs itself, so we list the files here.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function find(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

// Optional path substrings: a file runs if it contains any of them (none: every file runs).
const filters = process.argv.slice(2);
const files = find('dist').filter((f) => !filters.length || filters.some((x) => f.includes(x))).sort();
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
