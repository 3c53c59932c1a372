import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openAIChatCompletion, openAIError, startFakeOpenAIServer } from '../models/testing/fake-openai-server.js';
import { runCli, startCli } from './testing/run-cli.js';
import { waitFor } from './testing/wait-for.js';

const slow = await startFakeOpenAIServer({
  handler: () => ({ kind: 'json', body: openAIChatCompletion({ text: "I don't know.", model: 'slow-1' }), delayMs: 20 }),
});
const flaky = await startFakeOpenAIServer({ text: 'Paris.', model: 'flaky-1' });
after(() => Promise.all([slow.close(), flaky.close()]));

function doneSamples(store: string): number {
  try {
    const db = new Database(store, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare(`SELECT COUNT(*) AS n FROM samples WHERE status = 'done'`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // the store does not exist yet
  }
}

test('Ctrl-C stops the run, prints the resume hint and exits 130; report on it says how many samples are missing in its first line', async () => {
  const TOTAL = 60;
  const store = join(mkdtempSync(join(tmpdir(), 'cc-stop-')), 'cc.db');
  const model = `openai:slow@${slow.url}`;
  const child = startCli(['eval', 'hallucination', '--model', model, '--limit', String(TOTAL), '--concurrency', '2', '--store', store]);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  await waitFor(() => doneSamples(store) >= 10);
  child.kill('SIGINT');
  const code = await new Promise((r) => child.on('close', r));

  assert.equal(code, 130, stderr);
  const runId = /^run (\S+)$/m.exec(stderr)![1];
  assert.match(stderr, /SIGINT: stopping; finished samples are saved/);
  assert.match(stderr, new RegExp(`run ${runId} stopped: interrupted \\(SIGINT\\); finished samples are saved: \`crosscheck eval --resume ${runId}\` runs the rest`));
  assert.match(stdout, new RegExp(`run id: ${runId}`), 'the finished samples are still reported');

  const done = doneSamples(store);
  assert.ok(done < TOTAL, 'stopped before the end');
  const runs = JSON.parse((await runCli(['runs', '--format', 'json', '--store', store])).stdout);
  assert.equal(runs[0].status, 'stopped');
  const report = await runCli(['report', runId, '--store', store]);
  assert.equal(report.code, 0, report.stderr);
  const [first, , second] = report.stdout.split('\n');
  assert.equal(first, `# hallucination — run ${runId} (unfinished: ${TOTAL - done} of ${TOTAL} samples missing)`);
  assert.match(second, /^status: stopped \(interrupted \(SIGINT\)\)/);
  assert.match(report.stdout, new RegExp(`cover the ${done} finished samples only; \`crosscheck eval --resume ${runId}\` runs the rest`));

  const resumed = await runCli(['eval', '--resume', runId, '--quiet', '--store', store]);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.equal(doneSamples(store), TOTAL);
  const whole = await runCli(['report', runId, '--store', store]);
  assert.equal(whole.stdout.split('\n')[0], `# hallucination — run ${runId}`, 'a whole run has no note');
});

test('failed samples are counted by kind in the terminal and in the Markdown report', async () => {
  const store = join(mkdtempSync(join(tmpdir(), 'cc-fail-')), 'cc.db');
  const model = `openai:flaky@${flaky.url}`;
  flaky.enqueue(
    openAIError(500, 'upstream exploded'),
    { kind: 'raw', body: '{"id": "x", "choices": [', contentType: 'application/json' },
    openAIError(500, 'upstream exploded again'),
    openAIError(400, 'bad request'),
    openAIError(500, 'still exploding'),
  );
  const r = await runCli(['eval', 'hallucination', '--model', model, '--limit', '12', '--concurrency', '1', '--max-retries', '0', '--quiet', '--store', store]);
  assert.equal(r.code, 2, r.stderr);
  const runId = /run id: (\S+)/.exec(r.stdout)![1];
  const escaped = model.replace(/[.?*+^$[\]\\(){}|-]/g, '\\$&');
  assert.match(r.stderr, new RegExp(`^error: failed samples of ${escaped} by reason: 3 × HTTP 500, 1 × HTTP 400, 1 × unparseable response body$`, 'm'));
  assert.match(r.stderr, /^error: 5 samples failed; `crosscheck eval --resume \S+` retries them$/m);

  const report = await runCli(['report', runId, '--store', store]);
  assert.equal(report.code, 0, report.stderr);
  const section = report.stdout.slice(report.stdout.indexOf('## Failed samples (5)'));
  assert.ok(section.startsWith('## Failed samples (5)'), report.stdout);
  const rows = section.split('\n').filter((l) => l.startsWith('| openai:flaky')).slice(0, 3).map((l) => l.split('|').map((c) => c.trim()).slice(2, 4));
  assert.deepEqual(rows.sort(), [['HTTP 400', '1'], ['HTTP 500', '3'], ['unparseable response body', '1']].sort());
});
