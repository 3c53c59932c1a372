/**
 * A run's samples exactly as they were saved, and a run record stored as it is: what a bundle
 * (src/bundle/) exports, and loads back through `saveSample`, so a report rebuilt from a bundle
 * runs on the same rows the original did. Kept apart from the store class so each reads on one screen.
 */
import type Database from 'better-sqlite3';
import type { Score } from '../core/suite.js';
import type { RunRecord, SampleResult } from './records.js';
import { toStoredGeneration, type RawGeneration } from './sqlite-rows.js';

/**
 * Every sample of the run, in the order its first generation was stored (samples without one
 * last), so rows loaded back in this order aggregate in the same order (AVG, GROUP_CONCAT).
 * Keys are read first and each sample after: no statement stays open while the next runs.
 */
export function* readSampleResults(db: Database.Database, runId: string): IterableIterator<SampleResult> {
  const keys = db.prepare(
    `SELECT s.model, s.sample_id, s.epoch,
            (SELECT MIN(g.id) FROM generations g
              WHERE g.run_id = s.run_id AND g.model = s.model AND g.sample_id = s.sample_id AND g.epoch = s.epoch) AS first_gen
       FROM samples s WHERE s.run_id = ?
      ORDER BY first_gen IS NULL, first_gen, s.model, s.sample_id, s.epoch`,
  ).all(runId) as { model: string; sample_id: string; epoch: number }[];
  const sample = db.prepare(`SELECT * FROM samples WHERE run_id = ? AND model = ? AND sample_id = ? AND epoch = ?`);
  const generations = db.prepare(`SELECT * FROM generations WHERE run_id = ? AND model = ? AND sample_id = ? AND epoch = ? ORDER BY id`);
  const scores = db.prepare(`SELECT * FROM scores WHERE run_id = ? AND model = ? AND sample_id = ? AND epoch = ? ORDER BY rowid`);
  for (const k of keys) {
    const key = [runId, k.model, k.sample_id, k.epoch] as const;
    const s = sample.get(...key) as RawSample;
    yield {
      runId, model: s.model, sampleId: s.sample_id, epoch: s.epoch, status: s.status as SampleResult['status'],
      ...(s.category !== null ? { category: s.category } : {}),
      metadata: JSON.parse(s.metadata) as Record<string, unknown>,
      ...(s.messages !== null ? { messages: JSON.parse(s.messages) as SampleResult['messages'] } : {}),
      ...(s.output !== null ? { output: s.output } : {}),
      ...(s.error !== null ? { error: s.error } : {}),
      generations: (generations.all(...key) as RawGeneration[]).map(toStoredGeneration),
      scores: (scores.all(...key) as RawScoreRow[]).map(scoreOf),
    };
  }
}

/**
 * Inserts a run record as it is (e.g. one read from a bundle): its id, times, status, stop reason,
 * expected samples and owner, so it reads back the same (an owner elsewhere reads as stopped).
 */
export function insertRunRecord(db: Database.Database, run: RunRecord): void {
  db.prepare(
    `INSERT INTO runs (id, created_at, finished_at, status, suite, suite_version, config, stop_reason, expected_samples,
                       owner_pid, owner_host, heartbeat_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    run.id, run.createdAt, run.finishedAt, run.status, run.suite, run.suiteVersion, JSON.stringify(run.config),
    run.stopReason ?? null, run.expectedSamples ? JSON.stringify(run.expectedSamples) : null,
    run.owner?.pid ?? null, run.owner?.host ?? null, run.owner?.heartbeatAt ?? null,
  );
}

interface RawSample {
  model: string; sample_id: string; epoch: number; status: string; category: string | null; metadata: string;
  output: string | null; error: string | null; messages: string | null;
}
interface RawScoreRow {
  scorer: string; outcome: string; value: number | null; explanation: string | null; unscored_reason: string | null; judge: string | null;
  judge_reply: string | null; prompt_version: string | null; redactions: string | null; details: string | null;
}

/** One stored score row as a Score (no parts: each judge's row is a row of its own, as saveSample writes it). */
function scoreOf(r: RawScoreRow): Score {
  const score: Score = { scorer: r.scorer, outcome: r.outcome };
  if (r.value !== null) score.value = r.value;
  if (r.explanation !== null) score.explanation = r.explanation;
  if (r.unscored_reason !== null) score.unscoredReason = r.unscored_reason;
  if (r.judge !== null) score.judge = r.judge;
  if (r.judge_reply !== null) score.judgeReply = r.judge_reply;
  if (r.prompt_version !== null) score.promptVersion = r.prompt_version;
  if (r.redactions !== null) score.redactions = JSON.parse(r.redactions) as string[];
  if (r.details !== null) score.details = JSON.parse(r.details) as Score['details'];
  return score;
}
