/**
 * What a signature cannot vouch for: that the records the lab signed fit together. Every score
 * refers to a transcript in the bundle, every sample has its transcript and scores, the
 * transcript's messages are what the models replied, and each call kept from a gateway says
 * what the transcript says: its kept reply, read again by the provider's own code, gives the
 * transcript's text, and its kept request carried the transcript's messages (models/replay.ts).
 */
import { parseModelRef } from '../core/model-ref.js';
import { unpackBody } from '../models/gateway-evidence.js';
import { replayerFor } from '../models/replay.js';
import {
  describeKey, keyString, type CallContent, type CallFacts, type ManifestRecord, type ReceiptsRecord, type ReportRecord, type RunLeafRecord,
  type SampleRecord, type ScoresRecord, type SuiteRecord, type TranscriptRecord, type WithheldRecord,
} from './format.js';
import type { BundleContents, Located } from './read.js';
import type { SignedRoot } from './tree.js';
import type { Problem } from './verify-leaves.js';

const at = (l: Located) => `${l.file}:${l.line} (${describeKey(l.record as SampleRecord)})`;

export async function checkConsistency(b: BundleContents, signed: SignedRoot): Promise<Problem[]> {
  const problems: Problem[] = [];
  const add = (where: string, message: string) => problems.push({ where, message });
  const one = <R>(file: 'run.json' | 'suite.json' | 'report.json') => b.records.get(file)![0].record as R;
  const run = one<RunLeafRecord>('run.json').run;
  const suite = one<SuiteRecord>('suite.json');
  const manifest = b.manifest as ManifestRecord;
  if (signed.runId !== manifest.runId || run.id !== manifest.runId) add('run.json', `is run ${run.id}, but the bundle is signed for run ${signed.runId}`);
  if (suite.name !== run.suite || suite.version !== run.suiteVersion) add('suite.json', `is ${suite.name} ${suite.version}, but the run used ${run.suite} ${run.suiteVersion}`);
  if (one<ReportRecord>('report.json').report.run.id !== run.id) add('report.json', `reports on run ${String(one<ReportRecord>('report.json').report.run.id)}, not ${run.id}`);

  const samples = index<SampleRecord>(b, 'samples.jsonl', add);
  const transcripts = index<TranscriptRecord | WithheldRecord>(b, 'transcripts.jsonl', add);
  const scores = index<ScoresRecord>(b, 'scores.jsonl', add);
  const receipts = index<ReceiptsRecord>(b, 'receipts.jsonl', add);
  for (const [k, s] of samples) {
    if (!transcripts.has(k)) add(at(s), 'has no transcript in the bundle');
    if (!scores.has(k)) add(at(s), 'has no scores record in the bundle');
  }
  for (const [k, sc] of scores) {
    const record = sc.record as ScoresRecord;
    const sample = samples.get(k)?.record as SampleRecord | undefined;
    if (record.scores.length > 0 && (!transcripts.has(k) || sample?.status !== 'done')) add(at(sc), 'scores a transcript that is not in the bundle');
    else if (!sample) add(at(sc), 'belongs to no sample in the bundle');
  }
  for (const [k, r] of receipts) if (!samples.has(k)) add(at(r), 'belongs to no sample in the bundle');
  checkPlan(b, run, samples, add);
  for (const [k, t] of transcripts) {
    const sample = samples.get(k)?.record as SampleRecord | undefined;
    if (!sample) {
      add(`${t.file}:${t.line}`, 'belongs to no sample in the bundle');
      continue;
    }
    if (t.record.type === 'withheld') continue;
    await checkTranscript(t as Located<TranscriptRecord>, sample, scores.get(k)?.record as ScoresRecord | undefined, receipts.get(k)?.record as ReceiptsRecord | undefined, add);
  }
  return problems;
}

/**
 * Every result is of one of the run's items, and a finished run holds every item × epoch × target
 * it ran: a sample left out (even with the report rebuilt without it) is missing from the plan.
 * A rescore's plan is its source's done samples, which the bundle does not hold: not checked.
 */
function checkPlan(b: BundleContents, run: RunLeafRecord['run'], samples: Map<string, Located<SampleRecord>>, add: (where: string, message: string) => void): void {
  const items = new Set(b.records.get('items.jsonl')!.map(({ record: r }) => (r.type === 'item' ? r.sample.id : (r as WithheldRecord).key.sampleId)));
  for (const s of samples.values()) if (!items.has(s.record.sampleId)) add(at(s), `is of no item of the bundle (items.jsonl holds ${items.size})`);
  const count = (b.records.get('suite.json')![0].record as SuiteRecord).items;
  if (items.size !== count) add('items.jsonl', `holds ${items.size} items, but the suite record says the run had ${count}`);
  if (!run.status.startsWith('finished') || run.config.rescoredFrom !== undefined) return;
  const missing: string[] = [];
  for (const target of run.config.targets) {
    for (const sampleId of items) {
      for (let epoch = 1; epoch <= run.config.epochs; epoch++) {
        const key = { model: target.label, sampleId, epoch };
        if (!samples.has(keyString(key))) missing.push(describeKey(key));
      }
    }
  }
  if (missing.length) {
    add('samples.jsonl', `the run finished, but ${missing[0]} is not in the bundle${missing.length > 1 ? ` (nor ${missing.length - 1} more of the run's samples)` : ''}`);
  }
}

function index<R extends SampleRecord | TranscriptRecord | WithheldRecord | ScoresRecord | ReceiptsRecord>(
  b: BundleContents, file: 'samples.jsonl' | 'transcripts.jsonl' | 'scores.jsonl' | 'receipts.jsonl', add: (where: string, message: string) => void,
): Map<string, Located<R>> {
  const out = new Map<string, Located<R>>();
  for (const l of b.records.get(file)!) {
    const r = l.record as R;
    const k = keyString('key' in r ? (r.key as SampleRecord) : (r as SampleRecord));
    if (out.has(k)) add(`${file}:${l.line}`, `repeats ${describeKey('key' in r ? (r.key as SampleRecord) : (r as SampleRecord))}`);
    else out.set(k, l as Located<R>);
  }
  return out;
}

async function checkTranscript(
  l: Located<TranscriptRecord>, sample: SampleRecord, scores: ScoresRecord | undefined, receipts: ReceiptsRecord | undefined,
  add: (where: string, message: string) => void,
): Promise<void> {
  const t = l.record;
  const where = at(l);
  if (t.calls.length !== sample.calls.length) return add(where, `holds ${t.calls.length} calls, but its sample record counts ${sample.calls.length}`);
  const graded = scores?.scores ?? [];
  if (t.gradings.length !== graded.length || t.gradings.some((g, i) => g.scorer !== graded[i].scorer)) {
    return add(where, 'its gradings do not match the scores record');
  }
  const redacted = graded.findIndex((s, i) => s.redacted !== (t.gradings[i].redactions?.length ?? 0) > 0);
  if (redacted >= 0) return add(where, `score ${graded[redacted].scorer} and its grading disagree on whether the transcript was redacted for the judges`);
  for (const role of ['target', 'user', 'auditor'] as const) {
    const said = new Set(t.calls.filter((_, i) => sample.calls[i].role === role).map((c) => c.text));
    const m = (t.messages ?? []).findIndex((msg) => msg.by === role && !said.has(msg.content));
    if (m >= 0) return add(where, `message ${m + 1} is attributed to the ${role} model, but none of its ${role} calls replied that`);
  }
  const listed = new Map((receipts?.calls ?? []).map((c) => [c.call, c]));
  for (const [i, call] of t.calls.entries()) {
    const r = listed.get(i);
    if (!call.gateway) {
      if (r) add(where, `call ${i + 1} is listed in receipts.jsonl but kept no gateway evidence`);
      continue;
    }
    const ev = call.gateway;
    if (!r || r.url !== ev.url || r.requestId !== ev.requestId || r.stream !== ev.stream || r.verifierKey !== ev.verifierKey
      || r.requestReceipt !== ev.requestReceipt || r.responseReceipt !== ev.responseReceipt
      || r.role !== sample.calls[i].role || r.modelRef !== sample.calls[i].modelRef) {
      add(where, `call ${i + 1}: its receipts in receipts.jsonl are not the ones its transcript kept`);
      continue;
    }
    const problem = await replayProblem(call, sample.calls[i]);
    if (problem) add(where, `call ${i + 1}: ${problem}`);
  }
}

/** The kept bytes read again by the provider that made the call, against what the transcript says. */
async function replayProblem(call: CallContent, facts: CallFacts): Promise<string | undefined> {
  const provider = parseModelRef(facts.modelRef).provider;
  const replay = await replayerFor(provider);
  if (!replay) return `kept gateway evidence, but ${provider} calls do not go through a gateway`;
  let got;
  try {
    got = await replay({ requestBody: unpackBody(call.gateway!.requestBody), responseBody: unpackBody(call.gateway!.responseBody), stream: call.gateway!.stream });
  } catch (e) {
    return `its kept gateway bytes cannot be read: ${(e as Error).message}`;
  }
  if (got.text !== call.text) return 'its text is not what the gateway\'s reply (its kept bytes) says';
  if (got.refusal !== call.refusal) return 'its refusal is not what the gateway\'s reply says';
  if (got.stopReason !== facts.stopReason || got.returnedModel !== facts.returnedModel) return 'its stop reason or returned model is not what the gateway\'s reply says';
  if (got.usage.inputTokens !== facts.inputTokens || got.usage.outputTokens !== facts.outputTokens) return 'its token counts are not what the gateway\'s reply says';
  if (!got.sentMessages(call.messages)) return 'its messages are not what the request sent through the gateway carried';
  if (JSON.stringify(sorted(got.request)) !== JSON.stringify(sorted(call.request))) return 'its recorded parameters are not what the request sent through the gateway carried';
  return undefined;
}

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
  return v;
}
