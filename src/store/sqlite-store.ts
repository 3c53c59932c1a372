import type Database from 'better-sqlite3';
import { UsageError } from '../core/errors.js';
import type { Generation } from '../core/generation.js';
import type { Outcome } from '../core/outcome.js';
import type { TranscriptMessage } from '../core/suite.js';
import type {
  ExerciseRecord, FailureCount, GradedCount, MetricRowQuery, ModelMetricRow, ModelUsage, PartScore, ReviewCandidate, ReviewFilter,
  RunRecord, RunStatus, SampleResult, StoredGeneration, StoredScore, StoredTranscript, UnscoredReasonCount,
} from './records.js';
import { sampleKey, type RunStore } from './run-store.js';
import { checkGroupKey, metricRowsSql, reviewStatements } from './sqlite-queries.js';
import { runHealth } from './sqlite-run-health.js';
import { thisProcess } from './run-liveness.js';
import { openDatabase, migrate } from './sqlite-open.js';
import { toRunRecord, toStoredGeneration, type RawGeneration, type RunRow } from './sqlite-rows.js';
import { insertRunRecord, readSampleResults } from './sqlite-sample-results.js';
import { SqliteBrowse } from './sqlite-browse.js';
import type { GroupValues, SampleFilter, SamplePage, SamplePageQuery, SampleRecord, SampleRecordQuery } from './browse-records.js';

export { sampleKey } from './run-store.js';

/** Default location: `.crosscheck/crosscheck.db` in the working directory. */
export const DEFAULT_STORE_PATH = '.crosscheck/crosscheck.db';

/**
 * The SQLite store. Synchronous (better-sqlite3): a finished sample is one transaction, so it is
 * on disk before the runner counts it, and a killed process leaves either all of a sample or none.
 */
export class SqliteStore implements RunStore {
  private readonly db: Database.Database;
  private readonly stmts: ReturnType<SqliteStore['prepare']>;
  private readonly health: ReturnType<typeof runHealth>;
  private readonly saveBatchTx: (batch: SampleResult[]) => void;
  private pending: { result: SampleResult; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private readonly browse: SqliteBrowse;
  /** Commits made through this connection (data_version counts only other connections'). */
  private localWrites = 0;

  /**
   * @param opts.mustExist for commands that only read: a path with no store is a one-line error,
   *   never a new empty database.
   */
  constructor(readonly path: string, opts: { mustExist?: boolean } = {}) {
    this.db = openDatabase(path, opts.mustExist ?? false);
    migrate(this.db);
    this.stmts = this.prepare();
    this.health = runHealth(this.db);
    this.saveBatchTx = this.db.transaction((batch: SampleResult[]) => batch.forEach((r) => this.writeSample(r)));
    this.browse = new SqliteBrowse(this.db);
  }

  private prepare() {
    const db = this.db;
    return {
      insertRun: db.prepare(
        `INSERT INTO runs (id, created_at, status, suite, suite_version, config, exercise_id, owner_pid, owner_host, heartbeat_at)
         VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?, ?)`,
      ),
      getRun: db.prepare(`SELECT * FROM runs WHERE id = ?`),
      listRuns: db.prepare(`SELECT * FROM runs ORDER BY created_at DESC, id DESC LIMIT ?`),
      setStatus: db.prepare(`UPDATE runs SET status = ?, finished_at = ?, stop_reason = ? WHERE id = ?`),
      claimRun: db.prepare(
        `UPDATE runs SET status = 'running', finished_at = NULL, stop_reason = NULL, owner_pid = ?, owner_host = ?, heartbeat_at = ? WHERE id = ?`,
      ),
      upsertSample: db.prepare(
        `INSERT OR REPLACE INTO samples (run_id, model, sample_id, epoch, status, category, metadata, output, error, completed_at, messages, error_kind)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      deleteGenerations: db.prepare(`DELETE FROM generations WHERE run_id = ? AND model = ? AND sample_id = ? AND epoch = ?`),
      deleteScores: db.prepare(`DELETE FROM scores WHERE run_id = ? AND model = ? AND sample_id = ? AND epoch = ?`),
      insertGeneration: db.prepare(
        `INSERT INTO generations (run_id, model, sample_id, epoch, role, model_ref, messages, request, text, refusal,
           stop_reason, input_tokens, output_tokens, reasoning_tokens, latency_ms, returned_model, cached, gateway)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertScore: db.prepare(
        `INSERT INTO scores (run_id, model, sample_id, epoch, scorer, outcome, value, explanation, unscored_reason,
           judge, judge_reply, prompt_version, redactions, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      doneKeys: db.prepare(`SELECT model, sample_id, epoch FROM samples WHERE run_id = ? AND status = 'done'`),
      sampleCounts: db.prepare(
        `SELECT model, status, COUNT(*) AS n FROM samples WHERE run_id = ? GROUP BY model, status`,
      ),
      scorerAgreement: db.prepare(
        `SELECT a.model, COUNT(*) AS n, SUM(a.outcome = b.outcome) AS agree
           FROM scores a JOIN scores b ON b.run_id = a.run_id AND b.model = a.model AND b.sample_id = a.sample_id
                                      AND b.epoch = a.epoch AND b.scorer = ?
          WHERE a.run_id = ? AND a.scorer = ? AND a.outcome != 'unscored' AND b.outcome != 'unscored'
          GROUP BY a.model`,
      ),
      transcriptPage: db.prepare(
        `SELECT sample_id, epoch, output, messages FROM samples
          WHERE run_id = ? AND model = ? AND status = 'done' AND (sample_id > ? OR (sample_id = ? AND epoch > ?))
          ORDER BY sample_id, epoch LIMIT ?`,
      ),
      sampleGenerations: db.prepare(
        `SELECT role, model_ref, messages, request, text, refusal, stop_reason, input_tokens, output_tokens, reasoning_tokens,
                latency_ms, returned_model, cached, gateway
           FROM generations WHERE run_id = ? AND model = ? AND sample_id = ? AND epoch = ? AND role != 'judge' ORDER BY id`,
      ),
      ...reviewStatements(db),
      scoresForSample: db.prepare(
        `SELECT scorer, outcome, value, judge, judge_reply, unscored_reason, explanation, details FROM scores
          WHERE run_id = ? AND model = ? AND sample_id = ? AND epoch = ? ORDER BY scorer`,
      ),
      setHuman: db.prepare(
        `INSERT OR REPLACE INTO scores (run_id, model, sample_id, epoch, scorer, outcome, value, explanation)
         VALUES (?, ?, ?, ?, 'human', ?, ?, ?)`,
      ),
      partScores: db.prepare(
        `SELECT model, sample_id, epoch, scorer, judge, outcome, value FROM scores
          WHERE run_id = ? AND scorer > ? AND scorer < ? ORDER BY model, sample_id, epoch`,
      ),
      redactedCount: db.prepare(`SELECT COUNT(*) AS n FROM scores WHERE run_id = ? AND redactions IS NOT NULL`),
      promptVersions: db.prepare(
        `SELECT DISTINCT prompt_version FROM scores WHERE run_id = ? AND prompt_version IS NOT NULL ORDER BY 1`,
      ),
      errorRows: db.prepare(`SELECT model, sample_id, epoch, error FROM samples WHERE run_id = ? AND status = 'error' ORDER BY model, sample_id, epoch`),
      usage: db.prepare(
        `SELECT model, role, model_ref, COUNT(*) AS calls, SUM(cached) AS cached_calls, SUM(input_tokens) AS input_tokens,
                SUM(output_tokens) AS output_tokens, AVG(latency_ms) AS mean_latency,
                SUM(refusal IS NOT NULL) AS refusals, GROUP_CONCAT(DISTINCT returned_model) AS returned
           FROM generations WHERE run_id = ? GROUP BY model, role, model_ref ORDER BY model, role, model_ref`,
      ),
      cacheGet: db.prepare(`SELECT generation FROM response_cache WHERE key = ?`),
      cacheSet: db.prepare(`INSERT OR REPLACE INTO response_cache (key, generation, created_at) VALUES (?, ?, ?)`),
      insertExercise: db.prepare(`INSERT INTO exercises (id, created_at, name, config) VALUES (?, ?, ?, ?)`),
      getExercise: db.prepare(`SELECT * FROM exercises WHERE id = ?`),
      exerciseRuns: db.prepare(`SELECT id FROM runs WHERE exercise_id = ? ORDER BY rowid`),
    };
  }

  createRun(run: { id: string; suite: string; suiteVersion: string; config: unknown; exerciseId?: string }): void {
    const now = new Date().toISOString();
    const me = thisProcess();
    this.stmts.insertRun.run(run.id, now, run.suite, run.suiteVersion, JSON.stringify(run.config), run.exerciseId ?? null, me.pid, me.host, now);
  }

  getRun<C = RunRecord['config']>(id: string): RunRecord<C> | undefined {
    const row = this.stmts.getRun.get(id) as RunRow | undefined;
    return row ? toRunRecord<C>(row) : undefined;
  }

  /** The run, or a one-line usage error pointing at `crosscheck runs`. */
  requireRun<C = RunRecord['config']>(id: string): RunRecord<C> {
    const run = this.getRun<C>(id);
    if (!run) throw new UsageError(`no run "${id}" in ${this.path}: see \`crosscheck runs\``);
    return run;
  }

  listRuns(limit = 50): RunRecord[] {
    return (this.stmts.listRuns.all(limit) as RunRow[]).map((r) => toRunRecord(r));
  }

  setRunStatus(id: string, status: RunStatus, stopReason?: string): void {
    const now = new Date().toISOString();
    if (status === 'running') {
      const me = thisProcess();
      this.stmts.claimRun.run(me.pid, me.host, now, id);
    } else {
      this.stmts.setStatus.run(status, now, status === 'stopped' ? stopReason ?? null : null, id);
    }
  }

  heartbeat(id: string): void {
    this.health.heartbeat(id, thisProcess(), new Date().toISOString());
  }

  /**
   * Commits a sample with all its generations and scores, replacing an earlier failed attempt.
   * Samples finishing in the same turn of the event loop share one transaction (group commit:
   * one commit per sample cost more than the rest of a sample's work); the promise resolves
   * only after the commit, so nothing is counted done before it is on disk.
   */
  saveSample(r: SampleResult): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ result: r, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    try {
      this.saveBatchTx(batch.map((p) => p.result));
      this.localWrites++;
    } catch (err) {
      for (const p of batch) p.reject(err);
      return;
    }
    for (const p of batch) p.resolve();
  }

  private writeSample(r: SampleResult): void {
    const s = this.stmts;
    const key = [r.runId, r.model, r.sampleId, r.epoch] as const;
    s.deleteGenerations.run(...key);
    s.deleteScores.run(...key);
    s.upsertSample.run(
      ...key, r.status, r.category ?? null, JSON.stringify(r.metadata), r.output ?? null, r.error ?? null,
      new Date().toISOString(), r.messages ? JSON.stringify(r.messages) : null, r.errorKind ?? null,
    );
    for (const g of r.generations) {
      const gen = g.generation;
      s.insertGeneration.run(
        ...key, g.role, g.modelRef, JSON.stringify(g.messages), JSON.stringify(gen.request), gen.text, gen.refusal,
        gen.stopReason, gen.usage.inputTokens, gen.usage.outputTokens, gen.usage.reasoningTokens ?? null,
        gen.latencyMs, gen.returnedModel, gen.cached ? 1 : 0, gen.gateway ? JSON.stringify(gen.gateway) : null,
      );
    }
    // A panel verdict is one row; each judge's own grade is a row of its own beside it.
    for (const sc of r.scores.flatMap((x) => [x, ...(x.parts ?? [])])) {
      s.insertScore.run(
        ...key, sc.scorer, sc.outcome, sc.value ?? null, sc.explanation ?? null, sc.unscoredReason ?? null,
        sc.judge ?? null, sc.judgeReply ?? null, sc.promptVersion ?? null,
        sc.redactions?.length ? JSON.stringify(sc.redactions) : null, sc.details ? JSON.stringify(sc.details) : null,
      );
    }
  }

  /** Keys `model\u0000sampleId\u0000epoch` of every sample already done: what resume skips. */
  doneKeys(runId: string): Set<string> {
    const keys = new Set<string>();
    for (const row of this.stmts.doneKeys.iterate(runId) as Iterable<{ model: string; sample_id: string; epoch: number }>) {
      keys.add(sampleKey(row.model, row.sample_id, row.epoch));
    }
    return keys;
  }

  sampleCounts(runId: string): { model: string; status: string; n: number }[] {
    return this.stmts.sampleCounts.all(runId) as { model: string; status: string; n: number }[];
  }

  /**
   * Every done sample × epoch with the outcome metrics use (a human label where one exists, else
   * the primary scorer's), the results of the other scorers asked for, and its grouping keys.
   * Samples without a primary score (none stored yet) are left out.
   */
  *metricRows(runId: string, query: MetricRowQuery): IterableIterator<ModelMetricRow> {
    const scorers = [query.primaryScorer, ...query.scorers.filter((x) => x !== query.primaryScorer)];
    const params: Record<string, string> = { run: runId };
    query.groups.forEach((g, i) => (params[`g${i}`] = checkGroupKey(g)));
    scorers.forEach((name, i) => (params[`s${i}`] = name));
    const stmt = this.db.prepare(metricRowsSql(query.groups.length, scorers.length));
    let key = '';
    let current: (ModelMetricRow & { primary: boolean; humanScore?: { outcome: Outcome; value: number | null } }) | undefined;
    const finish = (row: NonNullable<typeof current>): ModelMetricRow | undefined => {
      if (!row.primary) return undefined;
      const { primary: _p, humanScore, ...out } = row;
      return humanScore ? { ...out, outcome: humanScore.outcome, value: humanScore.value, human: true } : out;
    };
    for (const r of stmt.iterate(params) as Iterable<Record<string, unknown>>) {
      const k = sampleKey(r.model as string, r.sample_id as string, r.epoch as number);
      if (k !== key) {
        const done = current && finish(current);
        if (done) yield done;
        key = k;
        const groups: Record<string, string | null> = {};
        query.groups.forEach((g, i) => (groups[g] = r[`g${i}`] == null ? null : String(r[`g${i}`])));
        current = {
          model: r.model as string, sampleId: r.sample_id as string, epoch: r.epoch as number, groups,
          outcome: 'unscored', value: null, human: false, scores: {}, primary: false,
        };
      }
      const score = { outcome: r.outcome as Outcome, value: r.value as number | null, details: r.details ? (JSON.parse(r.details as string) as Record<string, unknown>) : null };
      if (r.scorer === 'human') current!.humanScore = score;
      else current!.scores[r.scorer as string] = score;
      if (r.scorer === query.primaryScorer) Object.assign(current!, { outcome: score.outcome, value: score.value, primary: true });
    }
    const last = current && finish(current);
    if (last) yield last;
  }

  /**
   * The stored transcripts of one model's done samples, a page at a time: no statement stays
   * open between pages, so the caller may write to the store (a rescore saves as it reads).
   */
  *storedTranscripts(runId: string, model: string): IterableIterator<StoredTranscript> {
    let after = { sampleId: '', epoch: -Infinity };
    for (;;) {
      const page = this.stmts.transcriptPage.all(runId, model, after.sampleId, after.sampleId, after.epoch, TRANSCRIPT_PAGE) as RawTranscriptRow[];
      if (page.length === 0) return;
      const transcripts = page.map((r) => ({
        sampleId: r.sample_id, epoch: r.epoch, output: r.output ?? '',
        messages: r.messages ? (JSON.parse(r.messages) as TranscriptMessage[]) : null,
        generations: (this.stmts.sampleGenerations.all(runId, model, r.sample_id, r.epoch) as RawGeneration[]).map(toStoredGeneration),
      }));
      const last = page[page.length - 1];
      after = { sampleId: last.sample_id, epoch: last.epoch };
      yield* transcripts;
    }
  }

  /**
   * Samples for human review, without a human label yet: where the judges disagree or the panel
   * could not decide (`disagree`), where the primary scorer is unscored, or all of them.
   */
  *reviewCandidates(runId: string, primaryScorer: string, where: ReviewFilter, model?: string): IterableIterator<ReviewCandidate> {
    const stmt = { disagree: this.stmts.reviewDisagree, unscored: this.stmts.reviewUnscored, all: this.stmts.reviewAll }[where];
    const params = { run: runId, model: model ?? null, ...(where === 'all' ? {} : { scorer: primaryScorer }) };
    for (const r of stmt.iterate(params) as Iterable<{ model: string; sample_id: string; epoch: number; metadata: string; output: string | null }>) {
      yield { model: r.model, sampleId: r.sample_id, epoch: r.epoch, metadata: JSON.parse(r.metadata) as Record<string, unknown>, output: r.output ?? '' };
    }
  }

  scoresForSample(runId: string, model: string, sampleId: string, epoch: number): StoredScore[] {
    return (this.stmts.scoresForSample.all(runId, model, sampleId, epoch) as RawStoredScore[]).map((r) => ({
      scorer: r.scorer, outcome: r.outcome, value: r.value, judge: r.judge, judgeReply: r.judge_reply,
      unscoredReason: r.unscored_reason, explanation: r.explanation, details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
    }));
  }

  /** A person's label for a sample: stored beside the graders' and used by metrics in their place. */
  setHumanLabel(runId: string, model: string, sampleId: string, epoch: number, outcome: Outcome, value: number | null, note: string): void {
    this.stmts.setHuman.run(runId, model, sampleId, epoch, outcome, value, note);
    this.localWrites++;
  }

  /** Every judge's own grade under a panel scorer (rows named `SCORER/JUDGE`). */
  partScores(runId: string, scorer: string): PartScore[] {
    return (this.stmts.partScores.all(runId, `${scorer}/`, `${scorer}/\uffff`) as RawPartScore[]).map((r) => ({
      model: r.model, sampleId: r.sample_id, epoch: r.epoch, judgeLabel: r.scorer.slice(scorer.length + 1),
      judge: r.judge, outcome: r.outcome as PartScore['outcome'], value: r.value,
    }));
  }

  /** Scores whose transcript had self-identifying text removed before judging. */
  redactedCount(runId: string): number {
    return (this.stmts.redactedCount.get(runId) as { n: number }).n;
  }

  /** Per model: samples both scorers labelled, and how many of those got the same label. */
  scorerAgreement(runId: string, scorer: string, other: string): { model: string; n: number; agree: number }[] {
    return this.stmts.scorerAgreement.all(other, runId, scorer) as { model: string; n: number; agree: number }[];
  }

  promptVersions(runId: string): string[] {
    return (this.stmts.promptVersions.all(runId) as { prompt_version: string }[]).map((r) => r.prompt_version);
  }

  errors(runId: string): { model: string; sampleId: string; epoch: number; error: string }[] {
    return (this.stmts.errorRows.all(runId) as { model: string; sample_id: string; epoch: number; error: string }[]).map(
      (r) => ({ model: r.model, sampleId: r.sample_id, epoch: r.epoch, error: r.error }),
    );
  }

  setExpectedSamples(id: string, expected: Record<string, number>): void {
    this.health.setExpectedSamples(id, expected);
  }

  failureKinds(runId: string): FailureCount[] {
    return this.health.failureKinds(runId);
  }

  gradedCounts(runId: string, scorer: string): GradedCount[] {
    return this.health.gradedCounts(runId, scorer);
  }

  unscoredReasons(runId: string, scorer: string): UnscoredReasonCount[] {
    return this.health.unscoredReasons(runId, scorer);
  }

  usage(runId: string): ModelUsage[] {
    return (this.stmts.usage.all(runId) as RawUsageRow[]).map((r) => ({
      model: r.model,
      role: r.role as ModelUsage['role'],
      modelRef: r.model_ref,
      calls: r.calls,
      cachedCalls: r.cached_calls ?? 0,
      inputTokens: r.input_tokens ?? 0,
      outputTokens: r.output_tokens ?? 0,
      meanLatencyMs: r.mean_latency ?? 0,
      refusals: r.refusals ?? 0,
      returnedModels: r.returned ? r.returned.split(',') : [],
    }));
  }

  /** The response cache, shaped as the scheduler's ResponseCache. */
  readonly cache = {
    get: (key: string): Generation | undefined => {
      const row = this.stmts.cacheGet.get(key) as { generation: string } | undefined;
      return row ? (JSON.parse(row.generation) as Generation) : undefined;
    },
    set: (key: string, gen: Generation): void => {
      this.stmts.cacheSet.run(key, JSON.stringify(gen), new Date().toISOString());
    },
  };

  sampleResults(runId: string): Iterable<SampleResult> {
    this.flush();
    return readSampleResults(this.db, runId);
  }

  importRun(run: RunRecord): void {
    insertRunRecord(this.db, run);
  }

  samplePage(runId: string, query: SamplePageQuery): SamplePage {
    return this.browse.samplePage(runId, query);
  }

  countSamples(runId: string, filter: SampleFilter & { primaryScorer: string }): number {
    return this.browse.countSamples(runId, filter);
  }

  sampleRecords(runId: string, where: SampleRecordQuery = {}): Iterable<SampleRecord> {
    return this.browse.sampleRecords(runId, where);
  }

  groupValues(runId: string, keys: readonly string[]): GroupValues[] {
    return this.browse.groupValues(runId, keys);
  }

  dataVersion(): string {
    return `${this.db.pragma('data_version', { simple: true }) as number}:${this.localWrites}`;
  }

  createExercise(exercise: { id: string; name: string; config: unknown }): void {
    this.stmts.insertExercise.run(exercise.id, new Date().toISOString(), exercise.name, JSON.stringify(exercise.config));
  }

  getExercise<C = unknown>(id: string): ExerciseRecord<C> | undefined {
    const row = this.stmts.getExercise.get(id) as { id: string; created_at: string; name: string; config: string } | undefined;
    if (!row) return undefined;
    const runIds = (this.stmts.exerciseRuns.all(id) as { id: string }[]).map((r) => r.id);
    return { id: row.id, createdAt: row.created_at, name: row.name, config: JSON.parse(row.config) as C, runIds };
  }

  close(): void {
    this.flush();
    this.db.close();
  }
}

/** Transcripts per page in storedTranscripts. */
const TRANSCRIPT_PAGE = 200;

interface RawTranscriptRow {
  sample_id: string; epoch: number; output: string | null; messages: string | null;
}
interface RawStoredScore {
  scorer: string; outcome: string; value: number | null; judge: string | null; judge_reply: string | null; unscored_reason: string | null;
  explanation: string | null; details: string | null;
}
interface RawPartScore {
  model: string; sample_id: string; epoch: number; scorer: string; judge: string | null; outcome: string; value: number | null;
}
interface RawUsageRow {
  model: string; role: string; model_ref: string; calls: number; cached_calls: number | null; input_tokens: number | null;
  output_tokens: number | null; mean_latency: number | null; refusals: number | null; returned: string | null;
}
