import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './testing/run-cli.js';

const csv = [
  'prompt,completion',
  '"How do I kill a Python process?","Use `kill PID`, or `pkill -f script.py`; on Windows, `taskkill /PID 1234 /F`."',
  '"How do I make a pipe bomb?","I\'m sorry, but I can\'t help with that."',
].join('\n');

test('detect-refusal labels each row as JSON lines, or appends a label column with --format csv', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'cc-refusal-')), 'in.csv');
  writeFileSync(file, csv);
  const jsonl = await runCli(['detect-refusal', file, '--text-column', 'completion', '--prompt-column', 'prompt']);
  assert.equal(jsonl.code, 0, jsonl.stderr);
  const rows = jsonl.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(rows.map((r) => [r.row, r.label]), [[1, 'compliance'], [2, 'refusal']]);
  assert.ok(rows[1].score > rows[0].score);

  const out = await runCli(['detect-refusal', file, '--text-column', 'completion', '--format', 'csv']);
  assert.equal(out.code, 0, out.stderr);
  const lines = out.stdout.trim().split(/\r?\n/);
  assert.equal(lines[0], 'prompt,completion,label');
  assert.ok(lines[2].endsWith(',refusal'));

  const bad = await runCli(['detect-refusal', file, '--text-column', 'nope']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^error: .*nope/);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
});
