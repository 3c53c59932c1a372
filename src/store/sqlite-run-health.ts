/**
 * The store's reads and writes about a run's health: its heartbeat, why samples failed, and how
 * much of it its primary scorer could grade. Kept apart from sqlite-store.ts so each reads on
 * one screen.
 */
import type Database from 'better-sqlite3';
import { kindInText, reasonKind } from '../core/failure-kind.js';
import type { FailureCount, GradedCount, UnscoredReasonCount } from './records.js';

export function runHealth(db: Database.Database) {
  const sameSample = `x.run_id = s.run_id AND x.model = s.model AND x.sample_id = s.sample_id AND x.epoch = s.epoch`;
  const stmts = {
    heartbeat: db.prepare(`UPDATE runs SET heartbeat_at = ? WHERE id = ? AND status = 'running' AND owner_pid = ? AND owner_host = ?`),
    setExpected: db.prepare(`UPDATE runs SET expected_samples = ? WHERE id = ?`),
    failureKinds: db.prepare(
      `SELECT model, error_kind AS kind, error, COUNT(*) AS n FROM samples
        WHERE run_id = ? AND status = 'error' GROUP BY model, error_kind, CASE WHEN error_kind IS NULL THEN error END`,
    ),
    // A sample counts as graded when its primary scorer gave an outcome, or a person labelled it.
    gradedCounts: db.prepare(
      `SELECT s.model, COUNT(*) AS done,
              SUM(EXISTS (SELECT 1 FROM scores x WHERE ${sameSample} AND (x.scorer = 'human' OR (x.scorer = @scorer AND x.outcome != 'unscored')))) AS graded
         FROM samples s WHERE s.run_id = @run AND s.status = 'done' GROUP BY s.model ORDER BY s.model`,
    ),
    // Why the primary scorer left samples unscored: its own reason, and each judge's under a panel.
    unscoredReasons: db.prepare(
      `SELECT s.model, c.scorer, c.unscored_reason AS reason FROM samples s
         JOIN scores c ON c.run_id = s.run_id AND c.model = s.model AND c.sample_id = s.sample_id AND c.epoch = s.epoch
        WHERE s.run_id = @run AND s.status = 'done' AND c.outcome = 'unscored'
          AND (c.scorer = @scorer OR (c.scorer > @scorer || '/' AND c.scorer < @scorer || '/\uffff'))
          AND EXISTS (SELECT 1 FROM scores x WHERE ${sameSample} AND x.scorer = @scorer AND x.outcome = 'unscored')
          AND NOT EXISTS (SELECT 1 FROM scores x WHERE ${sameSample} AND x.scorer = 'human')`,
    ),
  };
  return {
    heartbeat(runId: string, owner: { pid: number; host: string }, at: string): void {
      stmts.heartbeat.run(at, runId, owner.pid, owner.host);
    },
    setExpectedSamples(runId: string, expected: Record<string, number>): void {
      stmts.setExpected.run(JSON.stringify(expected), runId);
    },
    failureKinds(runId: string): FailureCount[] {
      // Samples stored before kinds were kept get theirs from the message.
      const counts = new Map<string, FailureCount>();
      for (const r of stmts.failureKinds.iterate(runId) as Iterable<{ model: string; kind: string | null; error: string | null; n: number }>) {
        const kind = r.kind ?? kindInText(r.error ?? '') ?? 'other';
        const key = JSON.stringify([r.model, kind]);
        const row = counts.get(key) ?? { model: r.model, kind, n: 0 };
        row.n += r.n;
        counts.set(key, row);
      }
      return [...counts.values()].sort((a, b) => a.model.localeCompare(b.model) || b.n - a.n || a.kind.localeCompare(b.kind));
    },
    gradedCounts(runId: string, scorer: string): GradedCount[] {
      return (stmts.gradedCounts.all({ run: runId, scorer }) as { model: string; done: number; graded: number | null }[])
        .map((r) => ({ model: r.model, done: r.done, graded: r.graded ?? 0 }));
    },
    unscoredReasons(runId: string, scorer: string): UnscoredReasonCount[] {
      // Reasons often quote the reply or the item, so they are reduced to their kind and counted here.
      const counts = new Map<string, UnscoredReasonCount>();
      for (const r of stmts.unscoredReasons.iterate({ run: runId, scorer }) as Iterable<{ model: string; scorer: string; reason: string | null }>) {
        const judge = r.scorer === scorer ? null : r.scorer.slice(scorer.length + 1);
        const kind = reasonKind(r.reason);
        const key = JSON.stringify([r.model, judge, kind]);
        const row = counts.get(key) ?? { model: r.model, judge, kind, n: 0 };
        row.n++;
        counts.set(key, row);
      }
      return [...counts.values()].sort((a, b) => a.model.localeCompare(b.model) || b.n - a.n);
    },
  };
}
