import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { UsageError, ProviderError } from '../core/errors.js';
import type { ModelSpec, RunConfig } from '../core/run-record.js';
import type { Sample } from '../core/suite.js';
import { countMetric, proportionMetric } from '../metrics/declared.js';
import { startFakeOpenAIServer } from '../models/testing/fake-openai-server.js';
import { panelScorer } from '../scoring/panel.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { registerSuite } from '../suites/index.js';
import type { SuitePlugin } from '../suites/plugin.js';
import { resumeRun, rescoreRun, startRun } from './run.js';

/** TEST DOUBLE suite: the target answers, a simulated user pushes back, the target answers again. */
const SAMPLES: Sample[] = Array.from({ length: 260 }, (_, i) => ({
  id: `s${String(i).padStart(3, '0')}`, input: [{ role: 'user', content: `question ${i}` }], target: [], metadata: { kind: i % 2 ? 'odd' : 'even' },
}));
const rolesSuite: SuitePlugin = {
  name: 'test-roles',
  description: 'test double: a two-turn conversation with a simulated user',
  load: (opts) => ({
    name: 'test-roles', description: '', version: 'v1', samples: SAMPLES.slice(0, opts.limit ?? SAMPLES.length), roles: ['user'],
    solver: async (sample, models) => {
      const first = await models.target(sample.input);
      const push = await models.user!([{ role: 'user', content: `Push back on: ${first.text}` }]);
      const second = await models.target([...sample.input, { role: 'assistant', content: first.text }, { role: 'user', content: push.text }]);
      return {
        messages: [
          { role: 'user', content: sample.input[0].content, by: 'suite' }, { role: 'assistant', content: first.text, by: 'target' },
          { role: 'user', content: push.text, by: 'user' }, { role: 'assistant', content: second.text, by: 'target' },
        ],
        generations: [first, push, second],
        output: second.text,
      };
    },
    scorers: [
      panelScorer('judge', async (_s, t, judge) => {
        const reply = (await judge.generate([{ role: 'user', content: t.output }])).text;
        return { scorer: 'judge', outcome: reply.includes('yes') ? 'held' : 'caved', value: reply.includes('yes') ? 1 : 0 };
      }),
      { name: 'rule', score: async (_s, t) => ({ scorer: 'rule', outcome: t.output.length > 0 ? 'held' : 'caved' }) },
    ],
  }),
  measures: {
    outcomes: [{ label: 'held', safety: 'safe' }, { label: 'caved', safety: 'unsafe' }],
    scorers: [{ name: 'judge', title: 'judge', judged: true }, { name: 'rule', title: 'rule', crossCheck: true }],
    groups: [{ key: 'kind' }],
    metrics: [countMetric({ name: 'n', title: 'n', which: 'scored' }), proportionMetric({ name: 'held', title: 'held', labels: ['held'] })],
    headline: [{ scope: 'all items', columns: [{ metric: 'n', title: 'n' }, { metric: 'held', title: 'held' }] }],
    epochs: { success: 'held', majority: ['held', 'caved'] },
    compare: { binary: [{ labels: ['held'], title: 'held' }], scores: [], scoresNote: 'none' },
  },
};
registerSuite(rolesSuite);

const target = await startFakeOpenAIServer({ text: 'target answer', model: 't-1' });
const user = await startFakeOpenAIServer({ text: 'Are you sure? I read otherwise.', model: 'u-1' });
const judge = await startFakeOpenAIServer({ text: 'yes', model: 'j-1' });
after(() => Promise.all([target, user, judge].map((s) => s.close())));

const spec = (ref: string, label = ref): ModelSpec => ({ label, ref, lab: 'unknown', params: {}, limits: { concurrency: 8 }, cache: false });
const refs = { target: `openai:t@${target.url}`, user: `openai:u@${user.url}`, judge: `openai:j@${judge.url}` };
function config(over: Partial<RunConfig> = {}): RunConfig {
  return {
    suite: 'test-roles', suiteOptions: { limit: 12 }, epochs: 1, targets: [spec(refs.target)], judges: [],
    roles: { user: spec(refs.user) }, panel: { rule: 'majority', excludeSameLab: false }, timeoutMs: 10_000, maxRetries: 0,
    crosscheckVersion: 'test', ...over,
  };
}
const newStore = () => new SqliteStore(join(mkdtempSync(join(tmpdir(), 'cc-run-')), 'cc.db'));

test('a solver gets its models by role; the stored transcript keeps every message with who said it, and each call with its role', async () => {
  const store = newStore();
  const before = user.requests.length;
  const out = await startRun(store, config());
  assert.equal(out.status, 'finished');
  assert.equal(user.requests.length - before, 12, 'the simulated user was called once per sample');
  const db = new Database(store.path, { readonly: true });
  const row = db.prepare(`SELECT messages FROM samples WHERE run_id = ? AND sample_id = 's000'`).get(out.runId) as { messages: string };
  assert.deepEqual(JSON.parse(row.messages).map((m: any) => `${m.role}/${m.by}`), ['user/suite', 'assistant/target', 'user/user', 'assistant/target']);
  const roles = db.prepare(`SELECT role, model_ref FROM generations WHERE run_id = ? AND sample_id = 's000' ORDER BY id`).all(out.runId) as { role: string; model_ref: string }[];
  assert.deepEqual(roles.map((r) => r.role), ['target', 'user', 'target']);
  assert.equal(roles[1].model_ref, refs.user);
  db.close();
  store.close();
});

test('a suite that needs a simulated user refuses to start without one, before anything is stored', async () => {
  const store = newStore();
  await assert.rejects(startRun(store, config({ roles: {} })), (err: unknown) => err instanceof UsageError && /needs a model in the user role: add --user/.test(err.message));
  assert.equal(store.listRuns().length, 0);
  store.close();
});

test('a judge that fails with an error no retry can fix stops the run with that error, instead of unscored rows', async () => {
  const store = newStore();
  const denied = await startFakeOpenAIServer({ text: 'x' });
  denied.enqueue(...Array.from({ length: 40 }, () => ({ kind: 'json' as const, status: 401, body: { error: { message: 'invalid api key', type: 'invalid_request_error' } } })));
  try {
    await assert.rejects(startRun(store, config({ judges: [spec(`openai:j@${denied.url}`)] })), (err: unknown) => err instanceof ProviderError && err.kind === 'auth');
    const [run] = store.listRuns();
    const counts = store.sampleCounts(run.id);
    assert.equal(counts.reduce((n, c) => n + c.n, 0), 0, 'no sample was stored with an unscored judge grade');
    assert.equal(run.status, 'stopped', 'a run an auth error stopped does not stay running');
    assert.match(run.stopReason!, /error no retry can fix: .*HTTP 401: invalid api key/);
  } finally {
    await denied.close();
    store.close();
  }
});

test('rescore reads stored transcripts past every page size while it saves, and keeps the whole conversation', async () => {
  const store = newStore();
  const source = await startRun(store, config({ suiteOptions: { limit: 260 } }));
  const targetCalls = target.requests.length;
  const rescored = await rescoreRun(store, source.runId, { judges: [spec(refs.judge)], panel: { rule: 'majority', excludeSameLab: false } });
  assert.equal(rescored.status, 'finished');
  assert.equal(target.requests.length, targetCalls, 'no target call');
  assert.equal(store.doneKeys(rescored.runId).size, 260);
  const rows = [...store.metricRows(rescored.runId, { primaryScorer: 'judge', scorers: ['rule'], groups: ['kind'] })];
  assert.equal(rows.length, 260);
  assert.ok(rows.every((r) => r.outcome === 'held'));
  const [t] = [...store.storedTranscripts(rescored.runId, refs.target)];
  assert.deepEqual(t.messages?.map((m) => m.by), ['suite', 'target', 'user', 'target']);
  store.close();
});

test('a target whose upstream fails every call stops after a run of failures of one kind; the other target finishes; resume runs the rest', async () => {
  const store = newStore();
  let healthy = false;
  const flaky = await startFakeOpenAIServer({
    handler: () => (healthy
      ? { kind: 'json', body: { id: 'x', object: 'chat.completion', created: 0, model: 'f-1', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] } }
      : { kind: 'json', status: 500, body: { error: { message: 'upstream exploded' } } }),
  });
  const bad = `openai:f@${flaky.url}`;
  try {
    // 60 samples and a concurrency of 8: the breaker (after 5) must stop the pool well before the end.
    const out = await startRun(store, config({ suiteOptions: { limit: 60 }, targets: [spec(refs.target), spec(bad)], stopAfterFailures: 5 }));
    assert.equal(out.status, 'stopped');
    assert.match(out.stopReason!, new RegExp(`^openai:f@\\S+: 5 samples in a row failed with HTTP 500`));
    const [good, failing] = out.progress;
    assert.equal(good.done, 60, 'the healthy target was not stopped');
    assert.ok(failing.errors >= 5 && failing.errors <= 5 + 8, `stopped after the breaker opened (${failing.errors} failed)`);
    assert.equal(failing.stopped, '5 × HTTP 500 in a row');
    assert.deepEqual(out.failures, [{ model: bad, kind: 'HTTP 500', n: failing.errors }]);
    const run = store.getRun(out.runId)!;
    assert.equal(run.status, 'stopped');
    assert.deepEqual(run.expectedSamples, { [refs.target]: 60, [bad]: 60 });

    healthy = true;
    const before = flaky.requests.length;
    const resumed = await resumeRun(store, out.runId);
    assert.equal(resumed.status, 'finished');
    // Two target calls a sample (an answer, then an answer to the simulated user's push-back).
    assert.equal(flaky.requests.length - before, 2 * 60, 'every sample of the stopped target ran once: failed ones again, unstarted ones for the first time');
    assert.equal(store.doneKeys(out.runId).size, 120);
  } finally {
    await flaky.close();
    store.close();
  }
});

test('an aborted run ends at once, even with calls hanging: finished samples stay, the run is stopped, resume finishes it', { timeout: 20_000 }, async () => {
  const store = newStore();
  let hang = true;
  const slow = await startFakeOpenAIServer({
    handler: () => ({ kind: 'json', delayMs: hang ? 60_000 : 0, body: { id: 'x', object: 'chat.completion', created: 0, model: 's-1', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] } }),
  });
  const ref = `openai:s@${slow.url}`;
  try {
    const stop = new AbortController();
    const seen: number[] = [];
    const running = startRun(store, config({ suiteOptions: { limit: 30 }, targets: [spec(refs.target), spec(ref)] }), {
      signal: stop.signal,
      onProgress: (p) => {
        seen.push(p[1].inFlight);
        if (p[0].done >= 30 && p[1].inFlight === 8 && !stop.signal.aborted) stop.abort('SIGINT');
      },
    });
    const out = await running;
    assert.equal(out.status, 'stopped');
    assert.equal(out.stopReason, 'interrupted (SIGINT)');
    assert.ok(seen.includes(8), 'progress showed the hanging calls in flight');
    assert.equal(store.sampleCounts(out.runId).find((c) => c.model === ref), undefined, 'no sample of the hung target was saved, not even as failed');
    assert.equal(store.doneKeys(out.runId).size, 30);
    assert.equal(store.getRun(out.runId)!.status, 'stopped');

    hang = false;
    const resumed = await resumeRun(store, out.runId);
    assert.equal(resumed.status, 'finished');
    assert.equal(store.doneKeys(out.runId).size, 60);
  } finally {
    await slow.close();
    store.close();
  }
});

test('a run another live process is running cannot be resumed beside it', async () => {
  const store = newStore();
  const out = await startRun(store, config({ suiteOptions: { limit: 2 } }));
  const db = new Database(store.path);
  // The parent process (alive) owns it, with a fresh heartbeat.
  db.prepare(`UPDATE runs SET status = 'running', owner_pid = ?, heartbeat_at = ? WHERE id = ?`).run(process.ppid, new Date().toISOString(), out.runId);
  db.close();
  assert.equal(store.getRun(out.runId)!.status, 'running');
  await assert.rejects(resumeRun(store, out.runId), (e: unknown) => e instanceof UsageError && new RegExp(`is being run by process ${process.ppid}`).test(e.message));
  store.close();
});
