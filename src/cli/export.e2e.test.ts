import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../core/package-root.js';
import { parseCsvRecords } from '../datasets/csv.js';
import { buildReport } from '../report/build-report.js';
import { exportContext } from '../report/export/export-context.js';
import { exportInspect } from '../report/export/inspect/index.js';
import { evalLogErrors, isEvalLog } from '../report/export/inspect/testing/eval-log-schema.js';
import { inspectPython } from '../report/export/inspect/testing/inspect-python.js';
import { goldenStore } from '../report/golden/golden-store.js';
import { runFakeMultiturn } from '../report/testing/fake-multiturn-suite.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { runCli } from './testing/run-cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'cc-export-'));

/** The golden store as a file the CLI can open, and its run id. */
function golden(): { path: string; runId: string } {
  const store = goldenStore();
  const runId = store.listRuns()[0].id;
  store.close();
  return { path: store.path, runId };
}

function checked(file: string): any {
  const log = JSON.parse(readFileSync(file, 'utf8'));
  assert.ok(isEvalLog(log), `${file}: ${evalLogErrors()}`);
  return log;
}

test('inspect: one EvalLog per model, named {created}_{task}_{id}.json, valid against the schema, numbers as the report has them', async () => {
  const { path, runId } = golden();
  const out = tmp();
  const r = await runCli(['export', runId, '--format', 'inspect', '--out', out, '--store', path]);
  assert.equal(r.code, 0, r.stderr);
  const files = readdirSync(out).sort();
  assert.equal(files.length, 2);
  for (const f of files) assert.match(f, /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\+00-00_hallucination_[2-9A-HJ-NP-Za-km-z]{22}\.json$/);
  assert.deepEqual(r.stdout.trim().split('\n').sort(), files.map((f) => join(out, f)));

  const store = new SqliteStore(path);
  const report = buildReport(store, runId);
  const records = [...store.sampleRecords(runId)];
  store.close();
  const logs = files.map((f) => checked(join(out, f)));
  for (const m of report.models) {
    const log = logs.find((l) => l.eval.metadata.crosscheck.model === m.label);
    assert.equal(log.samples.length, records.filter((x) => x.model === m.label).length, 'every sample × epoch, failed ones too');
    assert.equal(log.status, m.samplesFailed ? 'error' : 'success');
    assert.equal(log.samples.filter((s: any) => s.error).length, m.samplesFailed);
    assert.equal(log.eval.config.epochs, 2);
    const primary = log.results.scores[0];
    assert.equal(primary.name, report.primaryScorer);
    const answerable = log.results.scores.find((s: any) => s.name === `${report.primaryScorer} (kind=answerable)`);
    const mine = m.breakdowns[0].columns.find((c) => c.value === 'answerable')!.results.find((x) => x.name === 'correct')!.value as any;
    assert.equal(answerable.metrics.correct.value, mine.p);
    assert.deepEqual([answerable.metrics.correct.metadata.lower, answerable.metrics.correct.metadata.upper], [mine.lower, mine.upper]);
    assert.ok(log.stats.model_usage[m.ref.replace(':', '/')].total_tokens > 0);
  }
  // The schema is not vacuous: each field the issue lists is required.
  for (const drop of ['version', 'eval', 'results', 'stats', 'samples']) assert.equal(isEvalLog({ ...logs[0], [drop]: undefined }), false, drop);
  for (const drop of ['id', 'epoch', 'input', 'target', 'messages', 'output', 'scores', 'metadata', 'store', 'events', 'model_usage', 'role_usage', 'attachments']) {
    assert.equal(isEvalLog({ ...logs[0], samples: [{ ...logs[0].samples[0], [drop]: undefined }] }), false, `samples[].${drop}`);
  }
  const sample = logs[0].samples.find((s: any) => !s.error);
  assert.equal(typeof sample.target, 'string', 'the accepted answer from the suite\'s items');
  assert.deepEqual(Object.keys(sample.scores).sort().slice(0, 1), ['model-grader']);
  assert.ok(sample.events.some((e: any) => e.event === 'model' && e.role === 'judge'));
});

test('inspect: a multi-turn plug-in keeps every turn and who said it; Inspect AI\'s own reader opens every log', async (t) => {
  const store = new SqliteStore(join(tmp(), 'mt.db'));
  const { runId } = await runFakeMultiturn(store, { samples: 9, judges: true });
  const out = tmp();
  const files = await exportInspect(exportContext(store, runId, out, null, 'test'));
  store.close();
  const log = checked(files[1]);
  const first = log.samples[0];
  assert.deepEqual(first.messages.map((m: any) => m.metadata.by), ['suite', 'target', 'user', 'target', 'user', 'target', 'user', 'target']);
  assert.equal(first.input, first.messages[0].content, 'without items, the input is what the suite said first');
  assert.deepEqual(Object.keys(first.role_usage).sort(), ['judge', 'target', 'user']);
  assert.deepEqual(Object.keys(log.eval.model_roles).sort(), ['judge/judge-1', 'judge/judge-2', 'user']);

  const py = inspectPython();
  if ('skip' in py) {
    t.skip(py.skip);
    return;
  }
  const { runId: goldenRun, path } = golden();
  const goldenOut = tmp();
  assert.equal((await runCli(['export', goldenRun, '--format', 'inspect', '--out', goldenOut, '--store', path])).code, 0);
  const all = [...files, ...readdirSync(goldenOut).map((f) => join(goldenOut, f))];
  const read = spawnSync(py.python, [join(packageRoot(), 'src', 'report', 'export', 'inspect', 'testing', 'read-logs.py'), ...all], { encoding: 'utf8' });
  assert.equal(read.status, 0, read.stderr);
  const seen = read.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(seen.length, all.length);
  for (const s of seen) {
    const mine = JSON.parse(readFileSync(s.file, 'utf8'));
    assert.equal(s.samples, mine.samples.length);
    assert.equal(s.summaries, mine.samples.length);
    assert.equal(s.status, mine.status);
    assert.deepEqual(s.scores, mine.results.scores.map((x: any) => x.name));
    assert.equal(s.errors, mine.samples.filter((x: any) => x.error).length);
  }
  const multi = seen.find((s) => s.file === files[1]);
  assert.deepEqual(multi.first.by, ['suite', 'target', 'user', 'target', 'user', 'target', 'user', 'target']);
});

test('jsonl and csv: one line or row per model × sample × epoch, with outcomes and grades', async () => {
  const { path, runId } = golden();
  const out = tmp();
  for (const format of ['jsonl', 'csv']) assert.equal((await runCli(['export', runId, '--format', format, '--out', out, '--store', path])).code, 0);
  const store = new SqliteStore(path);
  const records = [...store.sampleRecords(runId)];
  const report = buildReport(store, runId);
  store.close();
  const lines = readFileSync(join(out, `${runId}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, records.length);
  assert.ok(lines.every((l) => l.run_id === runId && Array.isArray(l.scores)));
  const human = lines.filter((l) => l.human_label);
  assert.equal(human.length, report.models.reduce((n, m) => n + m.humanLabelled, 0));
  assert.ok(human.every((l) => l.outcome === l.scores.find((s: any) => s.scorer === 'human').outcome), 'a human label is the outcome');
  const csv = parseCsvRecords(readFileSync(join(out, `${runId}.csv`), 'utf8'));
  assert.equal(csv.records.length, records.length);
  assert.deepEqual(csv.header.slice(0, 7), ['run_id', 'suite', 'model', 'sample_id', 'epoch', 'status', 'group:kind']);
  assert.ok(csv.header.includes('score:model-grader') && csv.header.includes('score:rule'));
  const model = report.models[0];
  const correctAnswerable = csv.records.filter((r) => r.model === model.label && r['group:kind'] === 'answerable' && r.outcome === 'correct').length;
  assert.equal(correctAnswerable, model.outcomeCounts.groups[0].values.find((v) => v.value === 'answerable')!.counts.correct);
});

test('bad input: a missing or unknown format, an --out that is a file, an unknown run: one line, exit 2, nothing written', async () => {
  const { path, runId } = golden();
  const out = tmp();
  const file = join(out, 'a-file');
  writeFileSync(file, 'x');
  const cases: [string[], RegExp][] = [
    [['export', runId, '--out', out, '--store', path], /needs --format inspect\|jsonl\|csv/],
    [['export', runId, '--format', 'parquet', '--out', out, '--store', path], /--format must be one of inspect, jsonl, csv/],
    [['export', runId, '--format', 'csv', '--store', path], /needs --out DIR/],
    [['export', runId, '--format', 'csv', '--out', file, '--store', path], /cannot write into --out/],
    [['export', 'no-such-run', '--format', 'csv', '--out', out, '--store', path], /no run "no-such-run"/],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  }
  assert.deepEqual(readdirSync(out), ['a-file']);
});
