/**
 * A bundle's run loaded into a RunStore, through the store's own interface (importRun,
 * saveSample): `bundle verify` rebuilds the report from it with the same code as `crosscheck
 * report`, and `rescore --from-bundle` grades its transcripts again. Samples go in the order the
 * bundle lists them, which is the order they were first saved, so aggregates add up in the same order.
 */
import type { RunRecord } from '../core/run-record.js';
import type { RunStore } from '../store/run-store.js';
import { keyString, type RunLeafRecord, type SampleRecord, type ScoresRecord, type TranscriptRecord } from './format.js';
import type { BundleContents } from './read.js';
import { joinSample } from './records.js';

export interface LoadOptions {
  /** Leave out samples whose transcript is withheld (a rescore cannot grade text it does not have). */
  publishedOnly?: boolean;
  /** Changes to the run record as stored (e.g. where the imported run came from). */
  run?: (run: RunRecord) => RunRecord;
}

export interface Loaded {
  runId: string;
  samples: number;
  /** Samples left out because their transcript is withheld (publishedOnly). */
  skipped: number;
}

export async function loadIntoStore(b: BundleContents, store: RunStore, opts: LoadOptions = {}): Promise<Loaded> {
  const run = (b.records.get('run.json')![0].record as RunLeafRecord).run;
  const stored = opts.run ? opts.run(run) : run;
  store.importRun(stored);
  const transcripts = byKey<TranscriptRecord>(b, 'transcripts.jsonl', 'transcript');
  const scores = byKey<ScoresRecord>(b, 'scores.jsonl', 'scores');
  const saved: Promise<void>[] = [];
  let skipped = 0;
  for (const { record } of b.records.get('samples.jsonl')!) {
    const sample = record as SampleRecord;
    const transcript = transcripts.get(keyString(sample)) ?? null;
    if (!transcript && opts.publishedOnly) {
      skipped++;
      continue;
    }
    // Every save is queued before any is awaited: the store commits them together.
    saved.push(store.saveSample(joinSample(stored.id, sample, transcript, scores.get(keyString(sample)) ?? null)));
  }
  await Promise.all(saved);
  return { runId: stored.id, samples: saved.length, skipped };
}

function byKey<R extends TranscriptRecord | ScoresRecord>(b: BundleContents, file: 'transcripts.jsonl' | 'scores.jsonl', type: R['type']): Map<string, R> {
  const out = new Map<string, R>();
  for (const { record } of b.records.get(file)!) if (record.type === type) out.set(keyString(record as R), record as R);
  return out;
}
