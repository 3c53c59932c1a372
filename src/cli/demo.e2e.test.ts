import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './testing/run-cli.js';

test('demo generates a tiny local model and runs the suite end to end, offline, saying the numbers mean nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-demo-'));
  const r = await runCli(['demo', '--limit', '6'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const model = join(dir, '.crosscheck', 'models', 'tiny-demo.gguf');
  assert.ok(existsSync(model));
  assert.ok(statSync(model).size < 1_000_000);
  assert.ok(existsSync(join(dir, '.crosscheck', 'crosscheck.db')), 'the default store is in the working directory');
  assert.match(r.stderr, /RANDOM weights/);
  assert.match(r.stdout, /lab-a \(greedy\)/);
  assert.match(r.stdout, /lab-b \(temperature 1\.0\)/);
  assert.match(r.stdout, /returned model id: crosscheck-tiny-llama/);
  const runs = await runCli(['runs'], { cwd: dir });
  assert.match(runs.stdout, /hallucination\s+finished\s+12\s+0/);
});
