/**
 * Test helper: `crosscheck datasets import` into a fresh folder, then `eval` of that folder on a
 * model (a scripted test double), returning the imported items and the JSON report.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliResult } from './run-cli.js';

export interface Imported {
  dir: string;
  out: string;
  stdout: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  items: Record<string, any>[];
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'cc-import-'));
}

export async function importFile(format: string, file: string, dir = tempDir()): Promise<Imported> {
  const out = join(dir, `${format}-suite`);
  const r = await runCli(['datasets', 'import', format, file, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const items = readFileSync(join(out, 'items.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  return { dir, out, stdout: r.stdout, items };
}

/** A scripted test double from rules (regex over the last user message → reply). */
export function scriptedModel(dir: string, name: string, rules: { match: string; reply: string }[], fallback = ''): string {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify({ rules, default: fallback }));
  return `scripted:${path}`;
}

/** The whole text, as a regular expression matching exactly it. */
export const exactly = (s: string) => `^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function evalFolder(folder: string, args: string[]): Promise<{ result: CliResult; report?: any }> {
  const store = join(folder, '..', 'cc.db');
  const result = await runCli(['eval', folder, '--store', store, '--quiet', ...args]);
  if (result.code !== 0) return { result };
  const runId = /run id: (\S+)/.exec(result.stdout)![1];
  return { result, report: JSON.parse((await runCli(['report', runId, '--format', 'json', '--store', store])).stdout) };
}
