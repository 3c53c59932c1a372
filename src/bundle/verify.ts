/**
 * `bundle verify`, in order, each step only once the one before it holds:
 *   1. the signed note, by the evaluating lab's key (given, or the one the manifest names);
 *   2. the signed leaf list against the signed root;
 *   3. every record against its signed leaf (what changed, where);
 *   4. the records fit together (verify-consistency.ts), disclosed withheld records included;
 *   5. every number of the report recomputes from the scores (report-check.ts);
 *   6. optionally, every call against the model owner's log (gateway-check.ts).
 * Needs no network unless 6 asks a gateway.
 */
import { NoteError, parseVerifierKey, type VerifierKey } from '../gateway/audit/signed-note.js';
import { keyOf, keyString, type BundleRecord, type ItemRecord, type RunLeafRecord, type TranscriptRecord, type WithheldRecord } from './format.js';
import { checkAgainstLog, type GatewayCheck, type LeafSource } from './gateway-check.js';
import type { BundleContents, Located } from './read.js';
import { markdownMatches, recomputeReport, reportDifference } from './report-check.js';
import { leafHashOf } from './tree.js';
import { checkConsistency } from './verify-consistency.js';
import { checkLeafList, checkRecords, checkSignature, type Problem } from './verify-leaves.js';

export interface VerifyOptions {
  /** The evaluating lab's verifier key; default: the one the bundle names (then compare it with the key the lab publishes). */
  key?: VerifierKey;
  /** Check every call against the model owner's log. `url`: the gateway, when it is asked directly. */
  gateway?: { source: LeafSource; key: VerifierKey; url?: string };
  /** Withheld records shown to the verifier (the .withheld.jsonl `bundle create` wrote). */
  disclosed?: { records: unknown[]; file: string };
}

export interface VerifyResult {
  ok: boolean;
  problems: Problem[];
  notes: string[];
  /** `name+hex id` of the key the note was opened with, and whether the bundle named it itself. */
  signer: string;
  signerFromBundle: boolean;
  /** The signed root (hex), once the signature verifies. */
  root?: string;
  counts: { leaves: number; samples: number; transcripts: number; withheld: number; disclosed: number; gatewayCalls: number };
  gateway?: GatewayCheck;
}

export async function verifyBundle(b: BundleContents, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const notes: string[] = [];
  const transcriptLines = b.records.get('transcripts.jsonl')!;
  const result: VerifyResult = {
    ok: false, problems: [], notes, signer: '', signerFromBundle: !opts.key,
    counts: {
      leaves: b.leaves.length, samples: b.records.get('samples.jsonl')!.length, transcripts: transcriptLines.length,
      withheld: transcriptLines.filter((l) => l.record.type === 'withheld').length, disclosed: 0,
      gatewayCalls: b.records.get('receipts.jsonl')!.reduce((n, l) => n + (l.record as { calls: unknown[] }).calls.length, 0),
    },
  };
  const fail = (problems: Problem[]) => Object.assign(result, { problems });

  let key: VerifierKey;
  try {
    key = opts.key ?? parseVerifierKey(b.manifest.signer);
  } catch (e) {
    return fail([{ where: 'bundle.json', message: `its signer key is malformed: ${(e as NoteError).message}` }]);
  }
  result.signer = `${key.name}+${key.keyId.toString(16).padStart(8, '0')}`;
  const opened = checkSignature(b, key);
  if ('problem' in opened) return fail([opened.problem]);
  result.root = opened.signed.root;
  const listProblem = checkLeafList(b, opened.signed);
  if (listProblem) return fail([listProblem]);
  const recordProblems = checkRecords(b);
  if (recordProblems.length) return fail(await refineReportProblem(b, recordProblems));

  const disclosed = opts.disclosed ? disclose(b, opts.disclosed) : { problems: [], count: 0 };
  if (disclosed.problems.length) return fail(disclosed.problems);
  result.counts.disclosed = disclosed.count;

  const consistency = await checkConsistency(b, opened.signed);
  if (consistency.length) return fail(consistency);
  const run = (b.records.get('run.json')![0].record as RunLeafRecord).run;
  if (!run.status.startsWith('finished')) {
    notes.push(`the run was ${run.status} when bundled: the bundle cannot show that every sample the run planned is in it`);
  }

  let recomputed;
  try {
    recomputed = await recomputeReport(b);
  } catch (e) {
    return fail([{ where: 'report.json', message: `cannot be rebuilt from the bundle's records: ${(e as Error).message.split('\n')[0]}` }]);
  }
  const difference = reportDifference(b, recomputed);
  if (difference) return fail([{ where: 'report.json', message: difference }]);
  if (!markdownMatches(b, recomputed)) return fail([{ where: 'report.md', message: 'is not the signed report rendered (crosscheck report --format md)' }]);

  if (opts.gateway) {
    const check = await checkAgainstLog(b, opts.gateway.key, opts.gateway.source, opts.gateway.url);
    result.gateway = check;
    notes.push(...check.notes);
    if (check.problems.length) return fail(check.problems);
  }
  result.ok = true;
  return result;
}

/** A changed report.json, said as the number that does not recompute (when the rest of the bundle is intact). */
async function refineReportProblem(b: BundleContents, problems: Problem[]): Promise<Problem[]> {
  if (problems.length !== 1 || !problems[0].where.startsWith('report.json')) return problems;
  try {
    const difference = reportDifference(b, await recomputeReport(b));
    return difference ? [{ where: 'report.json', message: `${difference}: changed after signing` }] : problems;
  } catch {
    return problems;
  }
}

/**
 * Puts disclosed records in place of the withheld ones they match (same key, same leaf hash), so
 * every later check reads them. A disclosed record that matches no withheld leaf is a problem.
 */
function disclose(b: BundleContents, d: NonNullable<VerifyOptions['disclosed']>): { problems: Problem[]; count: number } {
  const problems: Problem[] = [];
  let count = 0;
  for (const file of ['transcripts.jsonl', 'items.jsonl'] as const) {
    const lines = b.records.get(file)!;
    const withheld = new Map(lines.flatMap((l, i) => (l.record.type === 'withheld' ? [[l.hash, i] as const] : [])));
    d.records.forEach((value, n) => {
      const r = value as BundleRecord;
      if ((file === 'transcripts.jsonl') !== (r?.type === 'transcript') || (file === 'items.jsonl') !== (r?.type === 'item')) return;
      const hash = leafHashOf(r);
      const at = withheld.get(hash);
      const w = at === undefined ? undefined : (lines[at].record as WithheldRecord);
      const sameKey = w && (r.type === 'item' ? (w.key as { sampleId: string }).sampleId === (r as ItemRecord).sample.id : keyString(w.key as TranscriptRecord) === keyString(keyOf(r as TranscriptRecord)));
      if (at === undefined || !sameKey) {
        problems.push({ where: `${d.file}:${n + 1}`, message: 'matches no withheld record of the bundle: it is not the record that was signed' });
        return;
      }
      lines[at] = { ...lines[at], record: r } as Located;
      count++;
    });
  }
  const unknown = d.records.findIndex((r) => (r as BundleRecord)?.type !== 'transcript' && (r as BundleRecord)?.type !== 'item');
  if (unknown >= 0) problems.push({ where: `${d.file}:${unknown + 1}`, message: 'is not a transcript or item record' });
  return { problems, count };
}
