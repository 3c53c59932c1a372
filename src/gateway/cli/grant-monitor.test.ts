import OpenAI from 'openai';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../../models/testing/fake-openai-server.js';
import { gatewayServe } from './gateway-serve.js';
import { grantCreate } from './grant-create.js';
import { grantFingerprint } from './grant-fingerprint.js';
import { grantList } from './grant-list.js';
import { grantResume } from './grant-resume.js';
import { grantShow } from './grant-show.js';
import type { CommandIo } from './io.js';
import { captureIo } from './testing/capture-io.js';


// The real `gateway serve` (audit log, store, extraction monitor) and the grant commands an operator uses.
describe('grant commands and the extraction monitor: show, list, resume, declared prompts, a restart', () => {
  let dir: string;
  let upstream: FakeOpenAIServer;
  let config: string;
  const env = { GW_ADMIN: 'admin-secret-for-monitor-test', OPENAI_API_KEY: 'sk-upstream' };
  let stop: AbortController;
  let serving: Promise<number>;
  let url: string;
  const run = async (cmd: (argv: string[], io: CommandIo) => Promise<number>, argv: string[]) => {
    const io = captureIo(env);
    const code = await cmd([...argv, '--config', config, '--url', url], io);
    return { code, out: io.stdout };
  };
  const serve = async () => {
    stop = new AbortController();
    url = await new Promise<string>((resolve, reject) => {
      serving = gatewayServe(['--config', config], captureIo(env), { stop: stop.signal, onListening: resolve });
      serving.catch(reject);
    });
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ccx-monitor-cli-'));
    upstream = await startFakeOpenAIServer({ text: 'ok' });
    config = join(dir, 'gateway.yaml');
    writeFileSync(config, ['listen: { host: 127.0.0.1, port: 0 }', 'store: { sqlite: gw.db }', 'adminKeyEnv: GW_ADMIN', 'models:',
      `  acme: { upstream: "openai:up@${upstream.url}" }`, 'monitor:', '  saveEverySeconds: 3600', '  thresholds: { forbiddenAttempts: 5 }'].join('\n'));
    writeFileSync(join(dir, 'suite.jsonl'), ['{"question":"Which pope crowned Charlemagne emperor in the year 800?"}', '{"question":"What is the chemical symbol of tungsten?"}'].join('\n'));
    await serve();
  });
  after(async () => {
    stop.abort();
    await serving;
    await upstream.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a suspension by the monitor shows in list and show, is undone by an audited resume, and survives a restart', async () => {
    const created = await run(grantCreate, ['--to', 'lab-b', '--models', 'acme', '--max-logprobs', '0', '--rpm', '600', '--prompts', join(dir, 'suite.jsonl'),
      '--on-signal', 'forbidden_attempts=suspend', '--json']);
    assert.equal(created.code, 0);
    const { grant, key } = JSON.parse(created.out);
    assert.deepEqual(grant.declaredPrompts.sources, [{ name: 'suite.jsonl', kind: 'texts', count: 2 }]);
    const client = new OpenAI({ apiKey: key, baseURL: `${url}/v1`, maxRetries: 0 });
    const ask = (extra: Record<string, unknown> = {}) =>
      client.chat.completions.create({ model: 'acme', messages: [{ role: 'user', content: 'What is the chemical symbol of tungsten?' }], ...extra } as never).then(() => 200, (e) => e.status as number);

    assert.equal(await ask(), 200);
    for (let i = 0; i < 6; i++) assert.equal(await ask({ logprobs: true }), 400); // what the grant forbids, over and over
    assert.equal(await ask(), 403, 'suspended by the monitor');

    const listed = await run(grantList, []);
    assert.match(listed.out, /suspended/);
    assert.match(listed.out, /forbidden_attempts 6>5 \(suspend\)/);
    const shown = await run(grantShow, [grant.id]);
    assert.match(shown.out, /declared  2 prompts \(suite\.jsonl: 2 texts\)/);
    assert.match(shown.out, /traffic   1 requests: 1 on plan, 0 off plan .*; 6 refused/);
    assert.match(shown.out, /forbidden_attempts\s+grantee\s+6\s+5\s+OVER \(alerted\)\s+suspend/);
    assert.match(shown.out, /alert\s+forbidden_attempts → suspend/);
    assert.match(shown.out, /action\s+forbidden_attempts: grant suspended/);

    const noReason = captureIo(env);
    await assert.rejects(grantResume([grant.id, '--config', config, '--url', url], noReason), /--reason is required/);
    const resumed = await run(grantResume, [grant.id, '--reason', 'client bug, fixed; checked the requests']);
    assert.match(resumed.out, /resumed .* status active, limits rpm=600/);
    assert.equal(await ask(), 200);
    assert.match((await run(grantShow, [grant.id])).out, /resumed\s+: client bug, fixed/);
    await assert.rejects(run(grantResume, [grant.id, '--reason', 'again']), /nothing to resume/);

    // a restart: the monitor's state was saved to the store on the way out and is read back
    stop.abort();
    await serving;
    await serve();
    const afterRestart = JSON.parse((await run(grantShow, [grant.id, '--json'])).out);
    assert.equal(afterRestart.monitor.counts.refused, 6);
    assert.equal(afterRestart.monitor.counts.onPlan, 2);
    assert.ok(afterRestart.monitor.events.some((e: { kind: string }) => e.kind === 'resumed'));
    assert.equal(afterRestart.monitor.signals.find((s: { signal: string }) => s.signal === 'forbidden_attempts').value, 6);
  });

  it('a throttle halves the rpm; a resume puts the limits back as they were', async () => {
    const { grant, key } = JSON.parse((await run(grantCreate, ['--to', 'lab-d', '--models', 'acme', '--max-n', '1', '--rpm', '100', '--on-signal', 'forbidden_attempts=throttle', '--json'])).out);
    const client = new OpenAI({ apiKey: key, baseURL: `${url}/v1`, maxRetries: 0 });
    for (let i = 0; i < 6; i++) await client.chat.completions.create({ model: 'acme', n: 3, messages: [{ role: 'user', content: 'hi' }] }).catch(() => undefined);
    const throttled = JSON.parse((await run(grantShow, [grant.id, '--json'])).out);
    assert.deepEqual([throttled.grant.status, throttled.grant.limits.rpm, throttled.grant.limitsBeforeThrottle.rpm], ['active', 50, 100]);
    assert.match((await run(grantResume, [grant.id, '--reason', 'n > 1 was a misconfigured client'])).out, /status active, limits rpm=100/);
    const back = JSON.parse((await run(grantShow, [grant.id, '--json'])).out);
    assert.equal(back.grant.limits.rpm, 100);
    assert.equal(back.grant.limitsBeforeThrottle, undefined);
  });

  it('a grantee who keeps its items to itself declares fingerprints; its items count as on plan', async () => {
    const fpIo = captureIo(env);
    assert.equal(await grantFingerprint([join(dir, 'suite.jsonl'), '--salt', '0123456789abcdef0123', '--out', join(dir, 'fp.json')], fpIo), 0);
    assert.ok(!readFileSync(join(dir, 'fp.json'), 'utf8').includes('tungsten'), 'no item text in the fingerprint file');
    const created = await run(grantCreate, ['--to', 'lab-c', '--models', 'acme', '--prompts', join(dir, 'fp.json'), '--json']);
    const { grant, key } = JSON.parse(created.out);
    const client = new OpenAI({ apiKey: key, baseURL: `${url}/v1`, maxRetries: 0 });
    await client.chat.completions.create({ model: 'acme', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'What is the chemical symbol of tungsten?' }] });
    await client.chat.completions.create({ model: 'acme', messages: [{ role: 'user', content: 'Write me a sonnet about the sea.' }] });
    const shown = JSON.parse((await run(grantShow, [grant.id, '--json'])).out);
    assert.deepEqual([shown.monitor.counts.onPlan, shown.monitor.counts.offPlan], [1, 1]);
    assert.equal(shown.grant.declaredPrompts.sources[0].kind, 'fingerprints');
  });
});
