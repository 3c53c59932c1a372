/**
 * Bundles end to end, through the CLI as users run it: a real gateway (`gateway serve`, its
 * SQLite audit log) in front of the scripted test double, an eval of two models (OpenAI and
 * Anthropic protocols, streamed) through it, then bundle create / verify / proofs and
 * rescore --from-bundle. 210 items per model: more than the store's transcript page (200) and
 * the verifier's parallel proof fetches (8); two leaves per call.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { cleanEnv, runCli, type CliResult } from '../cli/testing/run-cli.js';
import { serveGateway } from '../gateway/testing/served-gateway.js';
import { generateSignerKey, parseSignerKey } from '../gateway/audit/signed-note.js';
import { formatReceiptHeader, parseReceipt, signReceipt } from '../gateway/audit/receipt.js';
import type { ReceiptsRecord, SampleRecord, ScoresRecord, TranscriptRecord } from './format.js';
import { editArchiveFile, editLine, resignBundle } from './testing/rewrite-bundle.js';

const ADMIN = 'admin-secret-for-tests-0123456789';
const ITEMS = 210;
const dir = mkdtempSync(join(tmpdir(), 'cc-bundle-'));
const path = (name: string) => join(dir, name);
const adminEnv = cleanEnv({ CROSSCHECK_ADMIN_KEY: ADMIN });

// The upstream: years in a question get "I don't know.", the rest a confident invented answer, so outcomes differ.
writeFileSync(path('upstream.json'), JSON.stringify({ rules: [{ match: '\\b1[0-9]{3}\\b', reply: "I don't know." }], default: 'It was in 1901, in Lisbon.' }));
writeFileSync(path('judge.json'), JSON.stringify({ default: 'GRADE: INCORRECT' }));
writeFileSync(path('gateway.yaml'), [
  'listen: { host: 127.0.0.1, port: 0 }',
  'store: { sqlite: ./gateway.db }',
  'models:',
  `  acme-large: { upstream: "scripted:${path('upstream.json')}" }`,
  'audit: { checkpointEverySeconds: 0.2 }',
].join('\n'));

const gateway = await serveGateway(path('gateway.yaml'), adminEnv);
after(() => gateway.stop());
const { url, verifierKey: logKey } = gateway;

const ok = (r: CliResult, what: string) => assert.equal(r.code, 0, `${what}: ${r.stdout}${r.stderr}`);
const granted = await runCli(['grant', 'create', '--to', 'lab-b', '--models', 'acme-large', '--expires', '30d', '--rpm', '100000',
  '--config', path('gateway.yaml'), '--url', url, '--json'], { env: adminEnv });
ok(granted, 'grant create');
const grantKey: string = JSON.parse(granted.stdout).key;

const store = path('lab-b.db');
const models = [`openai:acme-large@${url}/v1`, `anthropic:acme-large@${url}`];
const evaluated = await runCli(['eval', 'hallucination', '--model', models[0], '--model', models[1], '--limit', String(ITEMS), '--stream', '--store', store, '--quiet'],
  { env: cleanEnv({ OPENAI_API_KEY: grantKey, ANTHROPIC_API_KEY: grantKey }) });
ok(evaluated, 'eval through the gateway');
const runId = /run id: (\S+)/.exec(evaluated.stdout + evaluated.stderr)![1];

const keygen = await runCli(['bundle', 'keygen', 'lab-b.example', '--out', path('lab-b.key')]);
ok(keygen, 'bundle keygen');
const labKey = /verifier key \(publish it\): (\S+)/.exec(keygen.stdout)![1];
const bundle = path('run.bundle');
ok(await runCli(['bundle', 'create', runId, '--sign-key', path('lab-b.key'), '--out', bundle, '--store', store]), 'bundle create');

/** `bundle verify` as the model owner: offline, or against its running gateway with its admin key. */
const verify = (file: string, ...extra: string[]) => runCli(['bundle', 'verify', file, '--key', labKey, ...extra], { env: adminEnv });
const againstGateway = (file: string) => verify(file, '--gateway', url, '--gateway-key', logKey);
// The owner's proofs of every leaf the bundle's receipts name, under one checkpoint: the same check as
// asking the gateway, from a file (the tampering cases below use it; its leaves are those of every variant).
ok(await runCli(['bundle', 'proofs', bundle, '--gateway', url, '--out', path('proofs.json'), '--checkpoint-out', path('checkpoint.note')], { env: adminEnv }), 'bundle proofs');
const againstProofs = (file: string, proofs = path('proofs.json')) => verify(file, '--gateway-checkpoint', path('checkpoint.note'), '--proofs', proofs, '--gateway-key', logKey);

/** Exit 2 with exactly one error line, matching `pattern`. */
function rejected(r: CliResult, pattern: RegExp): void {
  assert.equal(r.code, 2, r.stdout + r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line: ${r.stderr}`);
  assert.match(lines[0], /^error: /);
  assert.match(lines[0], pattern);
}

/** The bundle's first openai transcript that answered `text`, its line in transcripts.jsonl (1-based). */
async function lineAnswering(text: string): Promise<number> {
  const { readBundle } = await import('./read.js');
  const b = await readBundle(bundle);
  const at = b.records.get('transcripts.jsonl')!.find((l) => (l.record as TranscriptRecord).model === models[0] && (l.record as TranscriptRecord).output === text);
  assert.ok(at, `a transcript answering ${text}`);
  return at.line;
}

test('a run through the gateway bundles and verifies offline, against the live gateway, and against the owner\'s proofs file', async () => {
  const offline = await verify(bundle);
  ok(offline, 'verify offline');
  assert.match(offline.stdout, new RegExp(`${ITEMS * 2} samples, ${ITEMS * 2} transcripts published, 0 withheld; ${ITEMS * 2} calls with gateway receipts`));
  assert.match(offline.stdout, /OK: the bundle verifies/);

  const live = await againstGateway(bundle);
  ok(live, 'verify against the gateway');
  assert.match(live.stdout, new RegExp(`against the log: ${ITEMS * 2} calls' receipts and leaves proven in the checkpoint of size \\d+, ${ITEMS * 2} with their kept bytes matching`));

  // The owner's proofs file: anyone holding the checkpoint checks it, no network needed.
  const proofs = await againstProofs(bundle);
  ok(proofs, 'verify with proofs');
  assert.match(proofs.stdout, new RegExp(`${ITEMS * 2} with their kept bytes matching`));

  // The evaluator may prove it too, with its grant key (only its own grant's leaves open to it).
  const wrongKey = await runCli(['bundle', 'verify', bundle, '--gateway', url, '--gateway-key', generateSignerKey('crosscheck-gateway').verifierKey],
    { env: cleanEnv({ CROSSCHECK_GATEWAY_KEY: grantKey }) });
  assert.equal(wrongKey.code, 2);
  assert.match(wrongKey.stderr, /^error: the gateway at \S+ signs with \S+, not the --gateway-key you trust\n$/);
});

test('whole (not streamed) replies, through both protocols, verify against the gateway too', async () => {
  const small = path('whole.db');
  const r = await runCli(['eval', 'hallucination', '--model', models[0], '--model', models[1], '--limit', '12', '--store', small, '--quiet'],
    { env: cleanEnv({ OPENAI_API_KEY: grantKey, ANTHROPIC_API_KEY: grantKey }) });
  ok(r, 'eval without --stream');
  const id = /run id: (\S+)/.exec(r.stdout + r.stderr)![1];
  const file = path('whole.bundle');
  ok(await runCli(['bundle', 'create', id, '--sign-key', path('lab-b.key'), '--out', file, '--store', small]), 'bundle create');
  const live = await againstGateway(file);
  ok(live, 'verify against the gateway');
  assert.match(live.stdout, /against the log: 24 calls' receipts and leaves proven in the checkpoint of size \d+, 24 with their kept bytes matching/);
});

test('changes after signing are found, named by file, line and sample: an output, a score, a report number, a removed sample, a newer format', async () => {
  const line = await lineAnswering('It was in 1901, in Lisbon.');
  const t = path('edited-output.bundle');
  await editArchiveFile(bundle, t, 'transcripts.jsonl', (text) => editLine(text, line, (r) => (r.output = 'It was in 1989, in Berlin.')));
  rejected(await verify(t), new RegExp(`transcripts\\.jsonl:${line} \\(model ${models[0].replace(/[.:/]/g, '\\$&')}, sample \\S+, epoch 1\\): differs from the record that was signed`));

  const s = path('edited-score.bundle');
  await editArchiveFile(bundle, s, 'scores.jsonl', (text) => editLine(text, 1, (r: ScoresRecord) => (r.scores[0].outcome = r.scores[0].outcome === 'correct' ? 'incorrect' : 'correct')));
  rejected(await verify(s), /scores\.jsonl:1 .*changed after signing/);

  const n = path('edited-report.bundle');
  await editArchiveFile(bundle, n, 'report.json', (text) => text.replace(/"samplesDone": \d+/, '"samplesDone": 1'));
  rejected(await verify(n), /report\.json: report models\["openai:[^"]+"\]\.samplesDone is 1, but the scores give 210: changed after signing/);

  const d = path('dropped.bundle');
  const drop = (text: string) => text.split('\n').filter((_, i) => i !== 4).join('\n');
  for (const [from, file] of [[bundle, 'samples.jsonl'], [d, 'transcripts.jsonl'], [d, 'scores.jsonl'], [d, 'receipts.jsonl']] as const) await editArchiveFile(from, d, file, drop);
  rejected(await verify(d), /samples\.jsonl, transcripts\.jsonl, scores\.jsonl, receipts\.jsonl: model \S+, sample \S+, epoch 1 was signed but is missing from each/);

  const v = path('newer.bundle');
  await editArchiveFile(bundle, v, 'bundle.json', (text) => text.replace('"version": 1', '"version": 2'));
  rejected(await verify(v), /is bundle format version 2, newer than this Crosscheck reads \(version 1\): upgrade Crosscheck/);
});

test('an evaluator who edits and signs again is caught: by the kept gateway bytes offline, and by the owner\'s log when the bytes are edited too', async () => {
  const keyFile = path('lab-b.key');
  const line = await lineAnswering('It was in 1901, in Lisbon.');
  const setText = (r: TranscriptRecord, from: string, to: string) => {
    r.output = r.output!.replace(from, to);
    r.calls[0].text = r.calls[0].text.replace(from, to);
    for (const m of r.messages ?? []) if (m.by === 'target') m.content = m.content.replace(from, to);
  };

  // The text alone: the kept reply, read again by the provider's SDK, says otherwise.
  const textOnly = path('resigned-text.bundle');
  await resignBundle(bundle, textOnly, keyFile, (f) => setText(f.get('transcripts.jsonl')![line - 1] as TranscriptRecord, '1901', '1989'));
  rejected(await verify(textOnly), new RegExp(`transcripts\\.jsonl:${line} .*call 1: its text is not what the gateway's reply \\(its kept bytes\\) says`));

  // The text and the kept bytes: consistent offline, but not the bytes the owner's log hashed.
  const forged = path('resigned-bytes.bundle');
  await resignBundle(bundle, forged, keyFile, (f) => {
    const r = f.get('transcripts.jsonl')![line - 1] as TranscriptRecord;
    setText(r, '1901', '1989');
    const ev = r.calls[0].gateway!;
    const body = gunzipSync(Buffer.from(ev.responseBody, 'base64')).toString('utf8');
    assert.ok(body.includes('1901'));
    ev.responseBody = gzipSync(Buffer.from(body.replaceAll('1901', '1989'))).toString('base64');
  });
  ok(await verify(forged), 'a consistent forgery passes the offline checks');
  rejected(await againstProofs(forged), /^error: receipts\.jsonl:\d+ \(model openai:\S+, sample \S+, epoch 1\), call 1: its kept response bytes are not the ones the log recorded/);

  // Two calls' response receipts swapped: each names a leaf of the other call.
  const swapped = path('resigned-swap.bundle');
  await resignBundle(bundle, swapped, keyFile, (f) => {
    const [a, b] = (f.get('receipts.jsonl') as ReceiptsRecord[]).slice(0, 2).map((r) => r.calls[0]);
    [a.responseReceipt, b.responseReceipt] = [b.responseReceipt, a.responseReceipt];
    const ts = f.get('transcripts.jsonl') as TranscriptRecord[];
    const find = (r: ReceiptsRecord) => ts.find((t) => t.model === r.model && t.sampleId === r.sampleId && t.epoch === r.epoch)!;
    for (const r of (f.get('receipts.jsonl') as ReceiptsRecord[]).slice(0, 2)) find(r).calls[0].gateway!.responseReceipt = r.calls[0].responseReceipt;
  });
  const swap = await againstProofs(swapped);
  assert.equal(swap.code, 2);
  assert.match(swap.stderr, /^error: receipts\.jsonl:1 .*call 1: the log's leaf \d+ is a response of call \S+, not the response of call \S+$/m);

  // A receipt signed by another log, for the same leaf.
  const other = parseSignerKey(generateSignerKey('crosscheck-gateway').signerKey);
  const foreign = path('resigned-foreign.bundle');
  await resignBundle(bundle, foreign, keyFile, (f) => {
    const r = (f.get('receipts.jsonl') as ReceiptsRecord[])[0];
    const parsed = parseReceipt(r.calls[0].responseReceipt!);
    r.calls[0].responseReceipt = formatReceiptHeader({ ...parsed, signature: signReceipt(other, parsed.index, parsed.leafHash) });
    const t = (f.get('transcripts.jsonl') as TranscriptRecord[]).find((x) => x.model === r.model && x.sampleId === r.sampleId && x.epoch === r.epoch)!;
    t.calls[0].gateway!.responseReceipt = r.calls[0].responseReceipt;
  });
  rejected(await againstProofs(foreign), /receipts\.jsonl:1 .*call 1: its response receipt is not signed by the log key crosscheck-gateway \(a receipt from another log\?\)/);

  // A sample left out, the report rebuilt without it, all signed again: the run finished, so its plan is short.
  const dropped = path('resigned-drop.bundle');
  let gone = '';
  await resignBundle(bundle, dropped, keyFile, (f) => {
    gone = (f.get('samples.jsonl')![7] as SampleRecord).sampleId;
    for (const file of ['samples.jsonl', 'transcripts.jsonl', 'scores.jsonl', 'receipts.jsonl'] as const) {
      f.set(file, f.get(file)!.filter((r) => (r as SampleRecord).sampleId !== gone || (r as SampleRecord).model !== models[0]));
    }
  }, { rebuildReport: true });
  rejected(await verify(dropped), new RegExp(`samples\\.jsonl: the run finished, but model ${models[0].replace(/[.:/]/g, '\\$&')}, sample ${gone}, epoch 1 is not in the bundle`));
});

test('a proofs file with an altered inclusion proof, or for another checkpoint, is refused', async () => {
  const read = () => JSON.parse(readFileSync(path('proofs.json'), 'utf8'));
  const proofs = read();
  const leaf = proofs.leaves[ITEMS]; // one past the first page of transcripts
  leaf.proof[0] = leaf.proof[0].replace(/^./, (c: string) => (c === '0' ? '1' : '0'));
  writeFileSync(path('bad-proofs.json'), JSON.stringify(proofs));
  rejected(await againstProofs(bundle, path('bad-proofs.json')),
    new RegExp(`call 1: its (request|response) leaf ${leaf.index} is not in the log the checkpoint signs`));

  const whole = read();
  const dropped = { ...whole, leaves: whole.leaves.filter((_: unknown, i: number) => i !== 3) };
  writeFileSync(path('short-proofs.json'), JSON.stringify(dropped));
  rejected(await againstProofs(bundle, path('short-proofs.json')),
    /proofs file \S+ gives no (request|response) leaf \d+: the proofs file holds no such leaf/);
});

test('--redact withholds matching transcripts as hashes: the numbers still verify, and a disclosed record checks against its leaf', async () => {
  const redacted = path('redacted.bundle');
  const made = await runCli(['bundle', 'create', runId, '--sign-key', path('lab-b.key'), '--out', redacted, '--store', store, '--redact', 'outcome=abstained']);
  ok(made, 'bundle create --redact');
  const withheld = Number(/(\d+) transcripts withheld/.exec(made.stdout)![1]);
  assert.ok(withheld > 0 && withheld < ITEMS * 2, `some but not all withheld: ${withheld}`);
  assert.ok(!readFileSync(redacted).includes(Buffer.from("I don't know.")), 'no withheld reply in the (gzipped) bundle text');

  const live = await againstProofs(redacted);
  ok(live, 'verify the redacted bundle against the log');
  assert.match(live.stdout, new RegExp(`${ITEMS * 2 - withheld} transcripts published, ${withheld} withheld`));
  assert.match(live.stdout, new RegExp(`${ITEMS * 2} calls' receipts and leaves proven.*, ${ITEMS * 2 - withheld} with their kept bytes matching`));

  const disclosed = await verify(redacted, '--disclosed', `${redacted}.withheld.jsonl`, '--gateway', url, '--gateway-key', logKey);
  ok(disclosed, 'verify with the withheld records disclosed');
  assert.match(disclosed.stdout, new RegExp(`${ITEMS * 2} with their kept bytes matching`), 'disclosed transcripts are checked against the log too');

  const lines = readFileSync(`${redacted}.withheld.jsonl`, 'utf8').split('\n');
  const t = lines.findIndex((l) => l.includes('"type":"transcript"'));
  lines[t] = lines[t].replace("I don't know.", 'I do know.');
  writeFileSync(path('edited.withheld.jsonl'), lines.join('\n'));
  rejected(await verify(redacted, '--disclosed', path('edited.withheld.jsonl')), new RegExp(`edited\\.withheld\\.jsonl:${t + 1}: matches no withheld record of the bundle`));
});

test('rescore --from-bundle re-grades the published transcripts with no target running, and refuses a bundle that does not verify', async () => {
  await gateway.stop(); // nothing can reach the target model now
  const third = path('third-party.db');
  const judge = `scripted:${path('judge.json')}`;
  const r = await runCli(['rescore', '--from-bundle', bundle, '--key', labKey, '--judge', judge, '--store', third, '--quiet']);
  ok(r, 'rescore --from-bundle');
  assert.match(r.stderr, new RegExp(`${ITEMS * 2} published samples, 0 withheld transcripts not graded`));
  assert.match(r.stdout, new RegExp(`regrade against the bundle's grading, over the ${ITEMS * 2} published transcripts`));
  assert.match(r.stdout, /regrade: +model grader scripted:/);
  const regradedId = /^run (\S+)$/m.exec(r.stdout + r.stderr)?.[1];
  assert.ok(regradedId && regradedId !== runId);
  const report = await runCli(['report', regradedId, '--format', 'json', '--store', third]);
  ok(report, 'report of the regrade');
  const models = JSON.parse(report.stdout).models as { label: string; samplesDone: number }[];
  assert.deepEqual(models.map((m) => m.samplesDone), [ITEMS, ITEMS]);

  const again = await runCli(['rescore', '--from-bundle', path('edited-output.bundle'), '--key', labKey, '--judge', judge, '--store', path('other.db')]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /differs from the record that was signed[\s\S]*error: \S+ does not verify: not grading it/);
});

test('an unfinished run is refused unless --allow-unfinished, and its bundle verifies with a note that says so', async () => {
  const { default: Database } = await import('better-sqlite3');
  const copy = path('stopped.db');
  const db = new Database(store, { readonly: true });
  db.exec(`VACUUM INTO '${copy.replace(/'/g, "''")}'`);
  db.close();
  const stopped = new Database(copy);
  stopped.prepare(`UPDATE runs SET status = 'stopped', stop_reason = 'killed in a test' WHERE id = ?`).run(runId);
  stopped.close();
  const create = (...extra: string[]) => runCli(['bundle', 'create', runId, '--sign-key', path('lab-b.key'), '--out', path('stopped.bundle'), '--store', copy, ...extra]);
  rejected(await create(), new RegExp(`run ${runId} is stopped, not finished: .*--resume ${runId}\\) or pass --allow-unfinished`));
  ok(await create('--allow-unfinished'), 'bundle create --allow-unfinished');
  const verified = await verify(path('stopped.bundle'));
  ok(verified, 'verify');
  assert.match(verified.stdout, /note: the run was stopped when bundled: the bundle cannot show that every sample the run planned is in it/);
  assert.doesNotMatch((await verify(bundle)).stdout, /when bundled/, 'a finished run has no such note');
});
