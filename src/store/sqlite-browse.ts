/**
 * The SQLite store's reads for browsing a run: filtered pages of (sample, epoch) keys in index
 * order (keyset paging, so page 2,000 costs what page 1 does), every model's row for a listed
 * sample, whole sample records, and the values a grouping key takes. Filters are SQL over indexes
 * (samples_by_sample, the scores primary key); nothing here reads a whole run into memory.
 */
import type Database from 'better-sqlite3';
import type { Outcome } from '../core/outcome.js';
import type { TranscriptMessage } from '../core/suite.js';
import type {
  BrowseCell, BrowseRow, GroupValues, SampleFilter, SamplePage, SamplePageQuery, SampleRecord, SampleRecordQuery, ScoreRecord,
} from './browse-records.js';
import { toStoredGeneration, type RawGeneration } from './sqlite-rows.js';
import { checkGroupKey } from './sqlite-queries.js';

/** Characters of an answer shown in a listed row. */
const PREVIEW_CHARS = 240;
/** Sample records read per statement in sampleRecords (no statement stays open between pages). */
const RECORD_PAGE = 200;

const SAME = (a: string) => `${a}.run_id = s.run_id AND ${a}.model = s.model AND ${a}.sample_id = s.sample_id AND ${a}.epoch = s.epoch`;
/** The outcome metrics use: a human label where one exists, else the primary scorer's. */
const OUTCOME = `COALESCE((SELECT h.outcome FROM scores h WHERE ${SAME('h')} AND h.scorer = 'human'),
                          (SELECT p.outcome FROM scores p WHERE ${SAME('p')} AND p.scorer = @primary))`;
/** The panel's judges (rows named PRIMARY/JUDGE) gave more than one label. */
const DISAGREE = `((SELECT COUNT(DISTINCT x.outcome) FROM scores x WHERE ${SAME('x')}
                     AND x.scorer > @partsFrom AND x.scorer < @partsTo AND x.outcome != 'unscored') > 1)`;

type Params = Record<string, string | number>;

export class SqliteBrowse {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  /** A page of (sample, epoch) keys matching the filter, each with every model's row. */
  samplePage(runId: string, q: SamplePageQuery): SamplePage {
    if (q.after && q.before) throw new Error('samplePage: give after or before, not both');
    const { where, params } = filterSql(runId, q);
    const back = q.before !== undefined;
    const cursor = q.after ?? q.before;
    const keysetClause = cursor ? ` AND (s.sample_id, s.epoch) ${back ? '<' : '>'} (@cursorId, @cursorEpoch)` : '';
    if (cursor) Object.assign(params, { cursorId: cursor.sampleId, cursorEpoch: cursor.epoch });
    const dir = back ? 'DESC' : 'ASC';
    const sql = `SELECT s.sample_id, s.epoch FROM samples s WHERE ${where}${keysetClause}
                  GROUP BY s.sample_id, s.epoch ORDER BY s.sample_id ${dir}, s.epoch ${dir} LIMIT @limit`;
    const keys = this.stmt(sql).all({ ...params, limit: q.limit + 1 }) as { sample_id: string; epoch: number }[];
    const more = keys.length > q.limit;
    const page = keys.slice(0, q.limit);
    if (back) page.reverse();
    const rows = page.map((k) => this.row(runId, k.sample_id, k.epoch, q));
    return {
      rows,
      hasPrev: back ? more : cursor !== undefined && this.exists(runId, q, rows[0], '<'),
      hasNext: back ? cursor !== undefined && this.exists(runId, q, rows.at(-1), '>') : more,
    };
  }

  /** How many (sample, epoch) keys match the filter. */
  countSamples(runId: string, filter: SampleFilter & { primaryScorer: string }): number {
    const { where, params } = filterSql(runId, filter);
    const sql = `SELECT COUNT(*) AS n FROM (SELECT 1 FROM samples s WHERE ${where} GROUP BY s.sample_id, s.epoch)`;
    return (this.stmt(sql).get(params) as { n: number }).n;
  }

  /** Whole records, in (model, sample id, epoch) order, read a page at a time. */
  *sampleRecords(runId: string, where: SampleRecordQuery): IterableIterator<SampleRecord> {
    const conditions = ['s.run_id = @run'];
    const params: Params = { run: runId };
    if (where.model !== undefined) (conditions.push('s.model = @model'), (params.model = where.model));
    if (where.sampleId !== undefined) (conditions.push('s.sample_id = @sampleId'), (params.sampleId = where.sampleId));
    if (where.epoch !== undefined) (conditions.push('s.epoch = @epoch'), (params.epoch = where.epoch));
    const sql = `SELECT s.model, s.sample_id, s.epoch, s.status, s.metadata, s.messages, s.output, s.error, s.completed_at
                   FROM samples s WHERE ${conditions.join(' AND ')} AND (s.model, s.sample_id, s.epoch) > (@m, @id, @ep)
                  ORDER BY s.model, s.sample_id, s.epoch LIMIT ${RECORD_PAGE}`;
    let after = { m: '', id: '', ep: -1 };
    for (;;) {
      const page = this.stmt(sql).all({ ...params, ...after }) as RawSampleRow[];
      if (page.length === 0) return;
      const records = page.map((r) => this.record(runId, r));
      const last = page[page.length - 1];
      after = { m: last.model, id: last.sample_id, ep: last.epoch };
      yield* records;
      if (page.length < RECORD_PAGE) return;
    }
  }

  /** The values each grouping key takes among the run's samples, sorted, at most `limit` per key. */
  groupValues(runId: string, keys: readonly string[], limit = 500): GroupValues[] {
    return keys.map((key) => {
      const sql = `SELECT DISTINCT CAST(json_extract(metadata, @path) AS TEXT) AS v FROM samples
                    WHERE run_id = @run AND json_extract(metadata, @path) IS NOT NULL ORDER BY v LIMIT @limit`;
      const values = (this.stmt(sql).all({ run: runId, path: checkGroupKey(key), limit: limit + 1 }) as { v: string }[]).map((r) => r.v);
      return { key, values: values.slice(0, limit), more: values.length > limit };
    });
  }

  private row(runId: string, sampleId: string, epoch: number, q: SamplePageQuery): BrowseRow {
    const sql = `SELECT s.model, s.status, s.metadata, substr(COALESCE(s.output, s.error, ''), 1, ${PREVIEW_CHARS}) AS preview,
                        p.outcome AS primary_outcome, h.outcome AS human_outcome, ${DISAGREE} AS disagree
                   FROM samples s
                   LEFT JOIN scores p ON ${SAME('p')} AND p.scorer = @primary
                   LEFT JOIN scores h ON ${SAME('h')} AND h.scorer = 'human'
                  WHERE s.run_id = @run AND s.sample_id = @sampleId AND s.epoch = @epoch ORDER BY s.model`;
    const raw = this.stmt(sql).all({ run: runId, sampleId, epoch, ...scorerParams(q.primaryScorer) }) as RawCell[];
    const metadata = raw.length ? (JSON.parse(raw[0].metadata) as Record<string, unknown>) : {};
    const groups: Record<string, string | null> = {};
    for (const key of q.groupKeys) groups[key] = metadata[key] === undefined || metadata[key] === null ? null : String(metadata[key]);
    const cells: BrowseCell[] = raw.map((r) => ({
      model: r.model,
      outcome: (r.human_outcome ?? r.primary_outcome) as Outcome | null,
      human: r.human_outcome !== null,
      disagree: r.disagree === 1,
      status: r.status as BrowseCell['status'],
      preview: r.preview,
    }));
    return { sampleId, epoch, groups, cells };
  }

  /** Whether any key matching the filter lies before (<) or after (>) a row. */
  private exists(runId: string, q: SamplePageQuery, row: BrowseRow | undefined, side: '<' | '>'): boolean {
    if (!row) return false;
    const { where, params } = filterSql(runId, q);
    const sql = `SELECT 1 FROM samples s WHERE ${where} AND (s.sample_id, s.epoch) ${side} (@cursorId, @cursorEpoch) LIMIT 1`;
    return this.stmt(sql).get({ ...params, cursorId: row.sampleId, cursorEpoch: row.epoch }) !== undefined;
  }

  private record(runId: string, r: RawSampleRow): SampleRecord {
    const key = { run: runId, model: r.model, sampleId: r.sample_id, epoch: r.epoch };
    const scores = this.stmt(`SELECT scorer, outcome, value, judge, judge_reply, unscored_reason, explanation, details, prompt_version, redactions
                                FROM scores WHERE run_id = @run AND model = @model AND sample_id = @sampleId AND epoch = @epoch ORDER BY scorer`)
      .all(key) as RawScore[];
    const generations = this.stmt(`SELECT role, model_ref, messages, request, text, refusal, stop_reason, input_tokens, output_tokens,
                                          reasoning_tokens, latency_ms, returned_model, cached,
                                          NULL AS gateway -- browsing shows transcripts; a bundle carries the gateway's kept bytes
                                     FROM generations WHERE run_id = @run AND model = @model AND sample_id = @sampleId AND epoch = @epoch ORDER BY id`)
      .all(key) as RawGeneration[];
    return {
      model: r.model, sampleId: r.sample_id, epoch: r.epoch, status: r.status as SampleRecord['status'],
      metadata: JSON.parse(r.metadata) as Record<string, unknown>,
      messages: r.messages ? (JSON.parse(r.messages) as TranscriptMessage[]) : null,
      output: r.output, error: r.error, completedAt: r.completed_at,
      scores: scores.map(toScoreRecord),
      generations: generations.map(toStoredGeneration),
    };
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }
}

/** The WHERE clause of a filter over `samples s`, with its parameters. Only filters given appear, so the planner sees plain index ranges. */
function filterSql(runId: string, f: SampleFilter & { primaryScorer: string }): { where: string; params: Params } {
  const parts = ['s.run_id = @run'];
  const params: Params = { run: runId };
  if (f.model !== undefined) (parts.push('s.model = @model'), (params.model = f.model));
  Object.entries(f.groups ?? {}).forEach(([key, value], i) => {
    parts.push(`CAST(json_extract(s.metadata, @gk${i}) AS TEXT) = @gv${i}`);
    params[`gk${i}`] = checkGroupKey(key);
    params[`gv${i}`] = value;
  });
  if (f.outcome === 'error') parts.push(`s.status = 'error'`);
  else if (f.outcome !== undefined) (parts.push(`s.status = 'done' AND ${OUTCOME} = @outcome`), (params.outcome = f.outcome));
  if (f.disagree) parts.push(DISAGREE);
  if (f.outcome !== undefined && f.outcome !== 'error') params.primary = f.primaryScorer;
  if (f.disagree) Object.assign(params, scorerParams(f.primaryScorer));
  return { where: parts.join(' AND '), params };
}

/** The primary scorer and the name range of its judges' parts (`PRIMARY/JUDGE`). */
function scorerParams(primary: string): Params {
  return { primary, partsFrom: `${primary}/`, partsTo: `${primary}/\uffff` };
}

function toScoreRecord(r: RawScore): ScoreRecord {
  return {
    scorer: r.scorer, outcome: r.outcome, value: r.value, judge: r.judge, judgeReply: r.judge_reply, unscoredReason: r.unscored_reason,
    explanation: r.explanation, details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
    promptVersion: r.prompt_version, redactions: r.redactions ? (JSON.parse(r.redactions) as string[]) : null,
  };
}

interface RawSampleRow {
  model: string; sample_id: string; epoch: number; status: string; metadata: string; messages: string | null;
  output: string | null; error: string | null; completed_at: string;
}
interface RawCell {
  model: string; status: string; metadata: string; preview: string; primary_outcome: string | null; human_outcome: string | null; disagree: number;
}
interface RawScore {
  scorer: string; outcome: string; value: number | null; judge: string | null; judge_reply: string | null; unscored_reason: string | null;
  explanation: string | null; details: string | null; prompt_version: string | null; redactions: string | null;
}
