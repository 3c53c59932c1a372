/**
 * The hallucination report on a stored run, to the byte. `hallucination-run.sql` is a stored run
 * (two targets, two epochs, a two-judge panel from the targets' labs, a human label, a failed
 * sample, redacted transcripts); the .md / .txt files are what Crosscheck printed for it. Any
 * change to these numbers or tables must be a deliberate one: rerun make-fixture.sh and say why
 * in the commit. (Suites became plug-ins with this report unchanged to the byte; the per-kind
 * tables and honest intervals of issue 15 then changed it on purpose.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/package-root.js';
import { goldenStore } from './golden-store.js';
import { buildReport } from '../build-report.js';
import { renderMarkdown, renderSummary } from '../markdown.js';
import { buildCompareReport } from '../build-compare.js';
import { renderCompareMarkdown } from '../compare-markdown.js';

const dir = join(packageRoot(), 'src', 'report', 'golden');
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const RUN = read('run-id.txt').trim();


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
    const report = buildCompareReport(store, { runId: RUN, label: 'scripted:./a.json' }, { runId: RUN, label: 'scripted:./b.json' });
    assert.equal(renderCompareMarkdown(report), read('hallucination-compare.md'));
  } finally {
    store.close();
  }
});
