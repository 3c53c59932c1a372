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
import { rescoreRun, startRun } from './run.js';

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
