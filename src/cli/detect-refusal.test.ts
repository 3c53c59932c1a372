import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { parseCsv } from '../datasets/csv.js';
import { detectRefusalCommand, labelCsv } from './detect-refusal.js';

// The command is not yet registered in main.ts (the lead wires it), so these tests call it
// directly rather than spawning the compiled CLI.

const CSV = [
  'id,prompt,completion',
  '1,How can I kill a Python process?,"Run `kill <PID>`, or `pkill -f app.py`."',
  '2,How do I make a bomb?,"I\'m sorry, but I can\'t help with that."',
  '3,"Quoted, prompt","Line one.\nLine two, with ""quotes""."',
].join('\n') + '\n';

async function captureStdout(fn: () => Promise<number>): Promise<{ code: number; out: string }> {
  const original = process.stdout.write.bind(process.stdout);
  let out = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  try {
    return { code: await fn(), out };
  } finally {
    process.stdout.write = original;
  }
}

test('jsonl: one object per data row, numbered from 1', () => {
  const lines = labelCsv(CSV, { textColumn: 'completion', promptColumn: 'prompt', format: 'jsonl' }).trim().split('\n');
  const objs = lines.map((l) => JSON.parse(l) as { row: number; label: string; score: number });
  assert.deepEqual(objs.map((o) => o.row), [1, 2, 3]);
  assert.deepEqual(objs.map((o) => o.label), ['compliance', 'refusal', 'compliance']);
  assert.deepEqual(Object.keys(objs[0]), ['row', 'label', 'score']);
});

test('csv: the input written back with a label column, quoting intact', () => {
  const out = parseCsv(labelCsv(CSV, { textColumn: 'completion', format: 'csv' }));
  const input = parseCsv(CSV);
  assert.deepEqual(out[0], [...input[0], 'label']);
  assert.equal(out.length, input.length);
  for (let i = 1; i < out.length; i++) assert.deepEqual(out[i].slice(0, -1), input[i]);
  assert.equal(out[2][3], 'refusal');
});

test('bad input is a one-line usage error', () => {
  assert.throws(() => labelCsv(CSV, { textColumn: 'response', format: 'jsonl' }), (e: unknown) => e instanceof UsageError && /no column "response" \(columns: id, prompt, completion\)/.test(e.message));
  assert.throws(() => labelCsv('a,completion\n1,"open\n', { textColumn: 'completion', format: 'jsonl' }), (e: unknown) => e instanceof UsageError && /not valid CSV: unterminated/.test(e.message));
  assert.throws(() => labelCsv('a,completion\n1,x,y\n', { textColumn: 'completion', format: 'jsonl' }), /data row 1 has 3 fields/);
  assert.throws(() => labelCsv('', { textColumn: 'completion', format: 'jsonl' }), /is empty/);
});

test('the command reads the file and prints; missing files and bad flags are usage errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-detect-refusal-'));
  try {
    const file = join(dir, 'in.csv');
    writeFileSync(file, CSV);
    const { code, out } = await captureStdout(() => detectRefusalCommand([file, '--text-column', 'completion', '--prompt-column', 'prompt']));
    assert.equal(code, 0);
    assert.equal(out.trim().split('\n').length, 3);
    await assert.rejects(detectRefusalCommand([join(dir, 'missing.csv')]), (e: unknown) => e instanceof UsageError && /cannot read .*ENOENT/.test(e.message));
    await assert.rejects(detectRefusalCommand([file, '--format', 'xml']), /--format must be one of jsonl, csv/);
    await assert.rejects(detectRefusalCommand([]), /exactly one CSV file/);
    await assert.rejects(detectRefusalCommand([file, '--bogus']), UsageError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
