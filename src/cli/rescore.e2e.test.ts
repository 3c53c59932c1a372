import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAIChatCompletion, openAIError, startFakeOpenAIServer } from '../models/testing/fake-openai-server.js';
import { metricOf } from '../report/testing/metric-of.js';
import { runCli } from './testing/run-cli.js';

// More samples than every page and batch in the code: stored transcripts are read 200 at a time
// while graded samples are saved, and judges run 8 calls at a time.
const TOTAL = 250;
// The judge answers this many calls, then refuses its key: past the first transcript page.
const ANSWERED = 220;

let budget = ANSWERED;
const judge = await startFakeOpenAIServer({
  handler: () => {
    if (budget <= 0) return openAIError(401, 'invalid api key');
    budget--;
    return { kind: 'json', body: openAIChatCompletion({ text: 'GRADE: INCORRECT', model: 'judge-1' }) };
  },
});
after(() => judge.close());
const judgeRef = `openai:judge@${judge.url}`;

const runIdOf = (stdout: string) => /run id: (\S+)/.exec(stdout)![1];

async function runsJson(store: string): Promise<any[]> {
  const r = await runCli(['runs', '--format', 'json', '--store', store]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test(`rescore of a ${TOTAL}-sample run: a judge that fails midway leaves the new run stopped, not running; eval --resume grades only the rest`, async () => {
  const store = join(mkdtempSync(join(tmpdir(), 'cc-rescore-big-')), 'cc.db');
  const first = await runCli(['eval', 'hallucination', '--model', 'scripted:echo', '--limit', String(TOTAL), '--quiet', '--store', store]);
  assert.equal(first.code, 0, first.stderr);
  const sourceId = runIdOf(first.stdout);

  const failed = await runCli(['rescore', sourceId, '--judge', judgeRef, '--quiet', '--store', store]);
  assert.equal(failed.code, 2, failed.stderr);
  assert.doesNotMatch(failed.stderr, /internal error|busy|\n\s+at /, 'no crash, no stack trace');
  assert.match(failed.stderr, /HTTP 401/);
  const rescoreId = /crosscheck eval --resume (\S+)/.exec(failed.stderr)?.[1];
  assert.ok(rescoreId && rescoreId !== sourceId, failed.stderr);

  const stopped = (await runsJson(store)).find((r) => r.id === rescoreId);
  assert.equal(stopped.status, 'stopped', 'a failed rescore does not stay running');
  assert.match(stopped.stopReason, /HTTP 401/);
  assert.ok(stopped.done >= ANSWERED - 8 && stopped.done <= ANSWERED, `graded samples were kept (${stopped.done})`);
  const partial = await runCli(['report', rescoreId, '--store', store]);
  assert.equal(partial.code, 0, partial.stderr);
  assert.equal(partial.stdout.split('\n')[0], `# hallucination — run ${rescoreId} (unfinished: ${TOTAL - stopped.done} of ${TOTAL} samples missing)`);

  budget = Infinity; // the key works again
  const callsBefore = judge.requests.length;
  const resumed = await runCli(['eval', '--resume', rescoreId, '--quiet', '--store', store]);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.equal(judge.requests.length - callsBefore, TOTAL - stopped.done, 'the resumed rescore graded only the samples not yet graded');
  const finished = (await runsJson(store)).find((r) => r.id === rescoreId);
  assert.equal(finished.status, 'finished');
  assert.equal(finished.done, TOTAL);
  const report = JSON.parse((await runCli(['report', rescoreId, '--format', 'json', '--store', store])).stdout);
  assert.equal(report.primaryScorer, 'model-grader');
  assert.equal(report.models[0].samplesDone, TOTAL);
  assert.equal(metricOf(report.models[0], 'unscored').value, 0, 'every stored answer was graded by the judge');
});
