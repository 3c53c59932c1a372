/**
 * The transcripts behind a report's numbers, embedded in the page when they fit: every model's
 * answer to every sample with its whole conversation (who said each turn), its outcome and every
 * grader's label and reason, gzip-compressed and base64-encoded (the page inflates them with the
 * browser's own DecompressionStream when a link is first opened).
 *
 * Why a budget: a report both labs publish should open anywhere, alone; but a page of tens of
 * megabytes opens slowly and mails badly. Up to EMBED_BUDGET_BYTES of encoded transcripts (a few
 * tens of thousands of short answers) go in the page; past it, the links open `crosscheck view`,
 * which pages the store server-side instead.
 */
import { gzipSync } from 'node:zlib';
import type { RunStore } from '../../store/run-store.js';
import type { SampleRecord } from '../../store/browse-records.js';
import type { RunReport } from '../build-report.js';
import { sampleOutcome } from '../sample-outcome.js';

/** Encoded (base64 of gzip) transcript bytes a page may carry. */
export const EMBED_BUDGET_BYTES = 8_000_000;
/**
 * Raw JSON past which compressing is not even tried: transcripts measured here compress 11-18
 * times into base64 (ordinary prose about 4-6), so 12 times the budget leaves room for the
 * repetitive and stops reading a run that cannot fit.
 */
const RAW_LIMIT_FACTOR = 12;
/** Answers past which a run is not read at all for embedding (at 8 MB, about 160 bytes each). */
const MAX_EMBEDDED_ANSWERS = 50_000;
/** Characters of a grader's reason kept in the page. */
const NOTE_CHARS = 2000;

export interface EmbeddedSamples {
  /** base64 of the gzipped JSON array of records. */
  data: string;
  records: number;
  rawBytes: number;
}

/** The page-side header the records refer to by index. */
export interface EmbeddedHeader {
  models: string[];
  groupKeys: string[];
  outcomes: { label: string; title: string }[];
}

export function embeddedHeader(report: RunReport): EmbeddedHeader {
  return {
    models: report.models.map((m) => m.label),
    groupKeys: report.layout.groups.map((g) => g.key),
    outcomes: report.layout.outcomes.map((o) => ({ label: o.label, title: o.title ?? o.label })),
  };
}

/** Every record of the run, compressed, or null when it would not fit the budget. */
export function embedSamples(
  store: RunStore, report: RunReport, budget = EMBED_BUDGET_BYTES, maxAnswers = MAX_EMBEDDED_ANSWERS,
): EmbeddedSamples | null {
  const header = embeddedHeader(report);
  const answers = report.models.reduce((n, m) => n + m.samplesDone + m.samplesFailed, 0);
  if (answers > maxAnswers) return null;
  const parts: string[] = [];
  let raw = 2;
  for (const r of store.sampleRecords(report.run.id)) {
    const json = JSON.stringify(compact(r, header, report.primaryScorer));
    raw += json.length + 1;
    if (raw > budget * RAW_LIMIT_FACTOR) return null;
    parts.push(json);
  }
  const data = gzipSync(Buffer.from(`[${parts.join(',')}]`, 'utf8'), { level: 9 }).toString('base64');
  return data.length <= budget ? { data, records: parts.length, rawBytes: raw } : null;
}

/** One record in the page's shape (short keys: there may be tens of thousands). */
function compact(r: SampleRecord, header: EmbeddedHeader, primary: string) {
  const { outcome, human, disagree } = sampleOutcome(r, primary);
  const note = (s: SampleRecord['scores'][number]) => (s.unscoredReason ?? s.explanation ?? s.judgeReply ?? '').slice(0, NOTE_CHARS);
  return {
    m: header.models.indexOf(r.model),
    id: r.sampleId,
    e: r.epoch,
    g: header.groupKeys.map((k) => (r.metadata[k] === undefined || r.metadata[k] === null ? null : String(r.metadata[k]))),
    o: outcome,
    h: human ? 1 : 0,
    d: disagree ? 1 : 0,
    t: (r.messages ?? []).map((m) => [m.by ?? '', m.role, m.content]),
    out: r.output,
    err: r.error,
    sc: r.scores.map((s) => [s.scorer, s.outcome, note(s)]),
  };
}
