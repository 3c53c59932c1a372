/**
 * The hallucination report on a stored run, to the byte. `hallucination-run.sql` is a run stored
 * by Crosscheck before suites became plug-ins (schema version 2: two targets, two epochs, a
 * two-judge panel, a human label, a failed sample, redacted transcripts); the .md / .txt files
 * are what that Crosscheck printed for it. Any change to these numbers or tables must be a
 * deliberate one: regenerate the expected files and say why in the commit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { packageRoot } from '../../core/package-root.js';
import { SqliteStore } from '../../store/sqlite-store.js';
import { buildReport } from '../build-report.js';
import { renderMarkdown, renderSummary } from '../markdown.js';
import { buildCompareReport } from '../build-compare.js';
import { renderCompareMarkdown } from '../compare-markdown.js';

const dir = join(packageRoot(), 'src', 'report', 'golden');
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const RUN = '20261207-132046-go17';

/** A store file holding the fixture run as the old schema wrote it; opening it migrates it. */
export function goldenStore(): SqliteStore {
  const path = join(mkdtempSync(join(tmpdir(), 'cc-golden-')), 'golden.db');
  const db = new Database(path);
  db.exec(read('hallucination-run.sql'));
  db.pragma('user_version = 2');
  db.close();
  return new SqliteStore(path);
}

test('the hallucination report of a stored run is unchanged to the byte (Markdown and terminal summary)', () => {
  const store = goldenStore();
  try {
    const report = buildReport(store, RUN);
    assert.equal(renderMarkdown(report), read('hallucination-report.md'));
    assert.equal(renderSummary(report), read('hallucination-summary.txt'));
  } finally {
    store.close();
  }
});

test('the paired comparison of a stored run is unchanged to the byte', () => {
  const store = goldenStore();
  try {
    const report = buildCompareReport(store, { runId: RUN, label: 'lab-a' }, { runId: RUN, label: 'lab-b' });
    assert.equal(renderCompareMarkdown(report), read('hallucination-compare.md'));
  } finally {
    store.close();
  }
});
