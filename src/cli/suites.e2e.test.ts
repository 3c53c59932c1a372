import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './testing/run-cli.js';

test('suites lists every shipped suite with its item count, version and what it measures', async () => {
  const r = await runCli(['suites', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout);
  const h = rows.find((x: any) => x.name === 'hallucination');
  assert.ok(h.items >= 500);
  assert.match(h.version, /^[0-9a-f]{16}$/);
  assert.equal(h.measures, 'correct / incorrect / abstained');
  const table = await runCli(['suites']);
  assert.match(table.stdout, /hallucination\s+\|?\s*\d+/);
});

test('report names its formats, and an unknown one is one line, exit 2', async () => {
  const r = await runCli(['report', 'any', '--format', 'pdf']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'error: --format must be one of md, json, html, got "pdf"\n');
});
