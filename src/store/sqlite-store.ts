import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { Generation } from '../core/generation.js';
import { MIGRATIONS } from './migrations.js';
import type {
  ModelUsage, OutcomeCount, PartScore, ReviewCandidate, ReviewFilter, RunRecord, RunStatus, SampleOutcome, SampleResult,
  StoredGeneration, StoredScore, StoredTranscript,
} from './records.js';

/** Default location: `.crosscheck/crosscheck.db` in the working directory. */
export const DEFAULT_STORE_PATH = '.crosscheck/crosscheck.db';

/**
 * The SQLite store. Synchronous (better-sqlite3): a finished sample is one transaction, so it is
 * on disk before the runner counts it, and a killed process leaves either all of a sample or none.
 */
export class SqliteStore {
  private readonly db: Database.Database;
  private readonly stmts: ReturnType<SqliteStore['prepare']>;
  private readonly saveBatchTx: (batch: SampleResult[]) => void;
  private pending: { result: SampleResult; resolve: () => void; reject: (err: unknown) => void }[] = [];

  constructor(readonly path: string) {
    this.db = openDatabase(path);
    migrate(this.db);
    this.stmts = this.prepare();
    this.saveBatchTx = this.db.transaction((batch: SampleResult[]) => batch.forEach((r) => this.writeSample(r)));
  }

  private prepare() {
    const db = this.db;
    return {
      insertRun: db.prepare(
        `INSERT INTO runs (id, created_at, status, suite, suite_version, config) VALUES (?, ?, 'running', ?, ?, ?)`,
      ),
      getRun: db.prepare(`SELECT * FROM runs WHERE id = ?`),
      listRuns: db.prepare(`SELECT * FROM runs ORDER BY created_at DESC, id DESC LIMIT ?`),
      setStatus: db.prepare(`UPDATE runs SET status = ?, finished_at = ? WHERE id = ?`),
      upsertSample: db.prepare(
        `INSERT OR REPLACE INTO samples (run_id, model, sample_id, epoch, status, category, metadata, output, error, completed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      deleteGenerations: db.prepare(`DELETE FROM generations WHERE run_id = ? AND model = ? AND sample_id = ? AND epoch = ?`),
      deleteScores: db.prepare(`DELETE FROM scores WHERE run_id = ? AND model = ? AND sample_id = ? AND epoch = ?`),
      insertGeneration: db.prepare(
        `INSERT INTO generations (run_id, model, sample_id, epoch, role, model_ref, messages, request, text, refusal,
           stop_reason, input_tokens, output_tokens, reasoning_tokens, latency_ms, returned_model, cached)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertScore: db.prepare(
        `INSERT INTO scores (run_id, model, sample_id, epoch, scorer, outcome, value, explanation, unscored_reason,
           judge, judge_reply, prompt_version, redactions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
      effectiveOutcomeCounts: db.prepare(
        `SELECT p.model, json_extract(m.metadata, '$.kind') AS kind, COALESCE(h.outcome, p.outcome) AS outcome,
                COUNT(*) AS n, SUM(h.outcome IS NOT NULL) AS human
           FROM scores p JOIN samples m USING (run_id, model, sample_id, epoch)
           LEFT JOIN scores h ON h.run_id = p.run_id AND h.model = p.model AND h.sample_id = p.sample_id
                              AND h.epoch = p.epoch AND h.scorer = 'human'
          WHERE p.run_id = ? AND p.scorer = ? AND m.status = 'done'
          GROUP BY p.model, kind, COALESCE(h.outcome, p.outcome)`,
      ),
      sampleOutcomes: db.prepare(
        `SELECT p.model, p.sample_id, p.epoch, json_extract(m.metadata, '$.kind') AS kind,
                COALESCE(h.outcome, p.outcome) AS outcome, h.outcome IS NOT NULL AS human
           FROM scores p JOIN samples m USING (run_id, model, sample_id, epoch)
           LEFT JOIN scores h ON h.run_id = p.run_id AND h.model = p.model AND h.sample_id = p.sample_id
                              AND h.epoch = p.epoch AND h.scorer = 'human'
          WHERE p.run_id = ? AND p.scorer = ? AND m.status = 'done'
          ORDER BY p.model, p.sample_id, p.epoch`,
      ),
      targetGenerations: db.prepare(
        `SELECT s.sample_id, s.epoch, s.output, g.model_ref, g.messages, g.request, g.text, g.refusal, g.stop_reason,
                g.input_tokens, g.output_tokens, g.reasoning_tokens, g.latency_ms, g.returned_model, g.cached
           FROM samples s JOIN generations g ON g.run_id = s.run_id AND g.model = s.model AND g.sample_id = s.sample_id
                                            AND g.epoch = s.epoch AND g.role = 'target'
          WHERE s.run_id = ? AND s.model = ? AND s.status = 'done'
          ORDER BY s.sample_id, s.epoch, g.id`,
      ),
      ...reviewStatements(db),
      scoresForSample: db.prepare(
        `SELECT scorer, outcome, judge, judge_reply, unscored_reason, explanation FROM scores
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
      errorRows: db.prepare(`SELECT model, sample_id, epoch, error FROM samples WHERE run_id = ? AND status = 'error'`),
      usage: db.prepare(
        `SELECT model, role, model_ref, COUNT(*) AS calls, SUM(cached) AS cached_calls, SUM(input_tokens) AS input_tokens,
                SUM(output_tokens) AS output_tokens, AVG(latency_ms) AS mean_latency,
                SUM(refusal IS NOT NULL) AS refusals, GROUP_CONCAT(DISTINCT returned_model) AS returned
           FROM generations WHERE run_id = ? GROUP BY model, role, model_ref ORDER BY model, role, model_ref`,
      ),
      cacheGet: db.prepare(`SELECT generation FROM response_cache WHERE key = ?`),
      cacheSet: db.prepare(`INSERT OR REPLACE INTO response_cache (key, generation, created_at) VALUES (?, ?, ?)`),
    };
  }

  createRun(run: { id: string; suite: string; suiteVersion: string; config: unknown }): void {
    this.stmts.insertRun.run(run.id, new Date().toISOString(), run.suite, run.suiteVersion, JSON.stringify(run.config));
  }

  getRun<C = unknown>(id: string): RunRecord<C> | undefined {
    const row = this.stmts.getRun.get(id) as RunRow | undefined;
    return row ? toRunRecord<C>(row) : undefined;
  }

  /** The run, or a one-line usage error pointing at `crosscheck runs`. */
  requireRun<C = unknown>(id: string): RunRecord<C> {
    const run = this.getRun<C>(id);
    if (!run) throw new UsageError(`no run "${id}" in ${this.path}: see \`crosscheck runs\``);
    return run;
  }

  listRuns(limit = 50): RunRecord[] {
    return (this.stmts.listRuns.all(limit) as RunRow[]).map((r) => toRunRecord(r));
  }

  setRunStatus(id: string, status: RunStatus): void {
    this.stmts.setStatus.run(status, status === 'running' ? null : new Date().toISOString(), id);
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
      new Date().toISOString(),
    );
    for (const g of r.generations) {
      const gen = g.generation;
      s.insertGeneration.run(
        ...key, g.role, g.modelRef, JSON.stringify(g.messages), JSON.stringify(gen.request), gen.text, gen.refusal,
        gen.stopReason, gen.usage.inputTokens, gen.usage.outputTokens, gen.usage.reasoningTokens ?? null,
        gen.latencyMs, gen.returnedModel, gen.cached ? 1 : 0,
      );
    }
    // A panel verdict is one row; each judge's own grade is a row of its own beside it.
    for (const sc of r.scores.flatMap((x) => [x, ...(x.parts ?? [])])) {
      s.insertScore.run(
        ...key, sc.scorer, sc.outcome, sc.value ?? null, sc.explanation ?? null, sc.unscoredReason ?? null,
        sc.judge ?? null, sc.judgeReply ?? null, sc.promptVersion ?? null,
        sc.redactions?.length ? JSON.stringify(sc.redactions) : null,
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
   * Counts of the outcome that metrics use: a human label where one exists (`crosscheck review`),
   * else the primary scorer's; `human` says how many of each count came from people.
   */
  effectiveOutcomeCounts(runId: string, primaryScorer: string): (OutcomeCount & { human: number })[] {
    return (this.stmts.effectiveOutcomeCounts.all(runId, primaryScorer) as (OutcomeCount & { human: number })[]).map((r) => ({
      ...r,
      scorer: primaryScorer,
    }));
  }

  /** Each done sample's outcome as metrics use it (a human label where there is one), in key order. */
  *sampleOutcomes(runId: string, primaryScorer: string): IterableIterator<SampleOutcome> {
    for (const r of this.stmts.sampleOutcomes.iterate(runId, primaryScorer) as Iterable<RawSampleOutcome>) {
      yield { model: r.model, sampleId: r.sample_id, epoch: r.epoch, kind: r.kind, outcome: r.outcome as SampleOutcome['outcome'], human: r.human === 1 };
    }
  }

  /** The stored target side of every done sample of one model: what `rescore` grades again. */
  *storedTranscripts(runId: string, model: string): IterableIterator<StoredTranscript> {
    let current: StoredTranscript | undefined;
    for (const r of this.stmts.targetGenerations.iterate(runId, model) as Iterable<RawTargetGeneration>) {
      if (!current || current.sampleId !== r.sample_id || current.epoch !== r.epoch) {
        if (current) yield current;
        current = { sampleId: r.sample_id, epoch: r.epoch, output: r.output ?? '', generations: [] };
      }
      current.generations.push({
        role: 'target',
        modelRef: r.model_ref,
        messages: JSON.parse(r.messages) as StoredGeneration['messages'],
        generation: {
          text: r.text, refusal: r.refusal, stopReason: r.stop_reason,
          usage: { inputTokens: r.input_tokens, outputTokens: r.output_tokens, ...(r.reasoning_tokens !== null ? { reasoningTokens: r.reasoning_tokens } : {}) },
          latencyMs: r.latency_ms, returnedModel: r.returned_model, request: JSON.parse(r.request) as Record<string, unknown>,
          cached: r.cached === 1,
        },
      });
    }
    if (current) yield current;
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
      scorer: r.scorer, outcome: r.outcome as StoredScore['outcome'], judge: r.judge, judgeReply: r.judge_reply,
      unscoredReason: r.unscored_reason, explanation: r.explanation,
    }));
  }

  /** A person's label for a sample: stored beside the graders' and used by metrics in their place. */
  setHumanLabel(runId: string, model: string, sampleId: string, epoch: number, outcome: StoredScore['outcome'], note: string): void {
    this.stmts.setHuman.run(runId, model, sampleId, epoch, outcome, outcome === 'correct' ? 1 : 0, note);
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

  usage(runId: string): ModelUsage[] {
    return (this.stmts.usage.all(runId) as RawUsageRow[]).map((r) => ({
      model: r.model,
      role: r.role as 'target' | 'judge',
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

  close(): void {
    this.flush();
    this.db.close();
  }
}

export function sampleKey(model: string, sampleId: string, epoch: number): string {
  return `${model}\u0000${sampleId}\u0000${epoch}`;
}

function reviewStatements(db: Database.Database) {
  const base = `SELECT s.model, s.sample_id, s.epoch, s.metadata, s.output FROM samples s
    WHERE s.run_id = @run AND s.status = 'done' AND (@model IS NULL OR s.model = @model)
      AND NOT EXISTS (SELECT 1 FROM scores h WHERE h.run_id = s.run_id AND h.model = s.model AND h.sample_id = s.sample_id
                                               AND h.epoch = s.epoch AND h.scorer = 'human')`;
  const sameSample = `x.run_id = s.run_id AND x.model = s.model AND x.sample_id = s.sample_id AND x.epoch = s.epoch`;
  const primaryUnscored = `EXISTS (SELECT 1 FROM scores x WHERE ${sameSample} AND x.scorer = @scorer AND x.outcome = 'unscored')`;
  const judgesSplit = `(SELECT COUNT(DISTINCT x.outcome) FROM scores x WHERE ${sameSample}
      AND x.scorer > @scorer || '/' AND x.scorer < @scorer || '/\uffff' AND x.outcome != 'unscored') > 1`;
  const order = ' ORDER BY s.model, s.sample_id, s.epoch';
  return {
    reviewDisagree: db.prepare(`${base} AND (${judgesSplit} OR ${primaryUnscored})${order}`),
    reviewUnscored: db.prepare(`${base} AND ${primaryUnscored}${order}`),
    reviewAll: db.prepare(`${base}${order}`),
  };
}

function openDatabase(path: string): Database.Database {
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    // WAL keeps readers (viewer, reports) off the writer's back; NORMAL is durable across a
    // process kill (only a power loss may drop the last transactions).
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (err) {
    throw new UsageError(`cannot open store ${path}: ${(err as Error).message}`);
  }
}

function migrate(db: Database.Database): void {
  // IMMEDIATE takes the write lock before reading the version, so two processes opening a new
  // store at once cannot both run the same migration.
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > MIGRATIONS.length) {
      throw new UsageError(`store schema version ${current} is newer than this Crosscheck (${MIGRATIONS.length}): upgrade Crosscheck`);
    }
    for (let v = current; v < MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    }
  }).immediate();
}

interface RunRow {
  id: string; created_at: string; finished_at: string | null; status: string; suite: string; suite_version: string; config: string;
}
interface RawSampleOutcome {
  model: string; sample_id: string; epoch: number; kind: string | null; outcome: string; human: number;
}
interface RawTargetGeneration {
  sample_id: string; epoch: number; output: string | null; model_ref: string; messages: string; request: string; text: string;
  refusal: string | null; stop_reason: string | null; input_tokens: number; output_tokens: number; reasoning_tokens: number | null;
  latency_ms: number; returned_model: string | null; cached: number;
}
interface RawStoredScore {
  scorer: string; outcome: string; judge: string | null; judge_reply: string | null; unscored_reason: string | null; explanation: string | null;
}
interface RawPartScore {
  model: string; sample_id: string; epoch: number; scorer: string; judge: string | null; outcome: string; value: number | null;
}
interface RawUsageRow {
  model: string; role: string; model_ref: string; calls: number; cached_calls: number | null; input_tokens: number | null;
  output_tokens: number | null; mean_latency: number | null; refusals: number | null; returned: string | null;
}

function toRunRecord<C>(r: RunRow): RunRecord<C> {
  return {
    id: r.id, createdAt: r.created_at, finishedAt: r.finished_at, status: r.status as RunStatus,
    suite: r.suite, suiteVersion: r.suite_version, config: JSON.parse(r.config) as C,
  };
}
