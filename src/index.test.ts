import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Crosscheck used the way a user's own package uses it: a separate package with `crosscheck` in
 * its node_modules (a link, as `npm install ../crosscheck` makes), TypeScript compiled against the
 * shipped .d.ts files by tsc, then run with node. Nothing here imports Crosscheck's sources.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

const APP = `
import { runSuite, renderMarkdown, detectRefusal, wilson, cohenKappa, holm, SqliteStore, buildReport,
  parseGatewayConfig, startGateway, CROSSCHECK_VERSION, type SuiteRun, type RunReport } from 'crosscheck';

// Run a suite on two models (one with its own label and settings) and read the report back.
const run: SuiteRun = await runSuite({
  suite: 'hallucination',
  models: ['scripted:echo', { ref: 'scripted:echo', label: 'echo-hot', params: { temperature: 1 } }],
  limit: 12,
  store: 'cc.db',
});
const store = new SqliteStore('cc.db', { mustExist: true });
const again: RunReport = buildReport(store, run.outcome.runId);
store.close();

// The gateway in front of a scripted model: a grant from the admin API, then a chat call with its key.
const config = parseGatewayConfig(
  'listen: { host: 127.0.0.1, port: 0 }\\nstore: { sqlite: ./gw.db }\\nmodels:\\n  echo: { upstream: "scripted:echo" }\\n',
  process.cwd(),
);
const gateway = await startGateway(config, { env: { CROSSCHECK_ADMIN_KEY: 'admin-secret' }, log: () => {} });
const post = (path: string, key: string, body: unknown) =>
  fetch(gateway.url + path, { method: 'POST', headers: { authorization: 'Bearer ' + key, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const grant = (await (await post('/admin/grants', 'admin-secret', { grantee: 'lab-b', models: ['echo'] })).json()) as { key: string };
const chat = await post('/v1/chat/completions', grant.key, { model: 'echo', messages: [{ role: 'user', content: 'hello there' }] });
const reply = (await chat.json()) as { choices: { message: { content: string } }[] };
await gateway.close();

console.log(JSON.stringify({
  version: CROSSCHECK_VERSION,
  runId: run.outcome.runId,
  status: run.outcome.status,
  graded: run.outcome.grading.failing.length === 0,
  models: again.models.map((m) => [m.label, m.samplesDone]),
  firstLine: renderMarkdown(run.report).split('\\n')[0],
  refusal: detectRefusal("I'm sorry, but I can't help with that.").label,
  answer: detectRefusal('Paris is the capital of France.').label,
  wilson: wilson(5, 10).lower.toFixed(3),
  kappa: cohenKappa(['correct', 'incorrect', 'correct'], ['correct', 'incorrect', 'correct']).kappa,
  holm: holm([0.01, 0.04]).significant,
  gatewayStatus: chat.status,
  gatewayReply: reply.choices[0].message.content,
}));
`;

// Types that the declarations must reject: a wrong suite type, an unknown option, a misspelt export.
const WRONG = `
import { runSuite, detectRefusal } from 'crosscheck';
await runSuite({ suite: 1, models: [] });
await runSuite({ suite: 'hallucination', models: ['x'], limt: 3 });
detectRefusal(42);
import { notAnExport } from 'crosscheck';
`;

function userPackage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cc-user-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'user-app', private: true, type: 'module', dependencies: { crosscheck: `file:${ROOT}` } }));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'crosscheck'), 'dir');
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, outDir: 'out', skipLibCheck: true,
      // The user's own @types/node: Crosscheck's declarations use Node's types.
      typeRoots: [join(ROOT, 'node_modules', '@types')], types: ['node'],
    },
    include: ['app.ts'],
  }));
  return dir;
}

test('a separate TypeScript package imports crosscheck, type-checks against its .d.ts files, runs a suite, serves the gateway, and uses the detector and statistics', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.equal(pkg.exports['.'].types, './dist/src/index.d.ts');
  const dir = userPackage();
  writeFileSync(join(dir, 'app.ts'), APP);
  const built = spawnSync(process.execPath, [TSC, '-p', '.'], { cwd: dir, encoding: 'utf8' });
  assert.equal(built.status, 0, built.stdout + built.stderr);

  const ran = spawnSync(process.execPath, ['out/app.js'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH } });
  assert.equal(ran.status, 0, ran.stderr);
  const out = JSON.parse(ran.stdout.trim().split('\n').at(-1)!);
  assert.equal(out.version, pkg.version);
  assert.equal(out.status, 'finished');
  assert.equal(out.graded, true);
  assert.deepEqual(out.models, [['scripted:echo', 12], ['echo-hot', 12]]);
  assert.equal(out.firstLine, `# hallucination — run ${out.runId}`, 'a whole run: no unfinished note');
  assert.equal(out.refusal, 'refusal');
  assert.equal(out.answer, 'compliance');
  assert.equal(out.wilson, '0.237');
  assert.equal(out.kappa, 1);
  assert.deepEqual(out.holm, [true, true]);
  assert.equal(out.gatewayStatus, 200);
  assert.match(out.gatewayReply, /hello there/);
});

test('the declarations are real types: wrong calls and a missing export fail to compile', () => {
  const dir = userPackage();
  writeFileSync(join(dir, 'app.ts'), WRONG);
  const built = spawnSync(process.execPath, [TSC, '-p', '.', '--noEmit'], { cwd: dir, encoding: 'utf8' });
  assert.notEqual(built.status, 0);
  const errors = built.stdout.split('\n').filter((l) => /error TS\d+/.test(l));
  assert.equal(errors.length, 4, built.stdout);
  assert.match(built.stdout, /app\.ts\(3,.*Type 'number' is not assignable to type 'string'/);
  assert.match(built.stdout, /app\.ts\(4,.*'limt' does not exist/);
  assert.match(built.stdout, /app\.ts\(5,.*not assignable to parameter of type 'string'/);
  assert.match(built.stdout, /app\.ts\(6,.*has no exported member 'notAnExport'/);
});
