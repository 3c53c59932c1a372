/**
 * SQL for the store's reads that are built from arguments (grouping keys, review filters),
 * kept apart from the store class so each reads on one screen.
 */
import type Database from 'better-sqlite3';
import { UsageError } from '../core/errors.js';

/** Metadata keys become JSON paths bound as parameters; the key itself must be a plain name. */
const GROUP_KEY = /^[A-Za-z_][\w-]*$/;

export function checkGroupKey(key: string): string {
  if (!GROUP_KEY.test(key)) throw new UsageError(`grouping key "${key}" must be letters, digits, _ or - (a metadata field name)`);
  return `$."${key}"`;
}

/**
 * Every score row of the given scorers (and human labels) for the run's done samples, with the
 * grouping keys' values: one row per (sample, scorer), in (model, sample, epoch) order.
 */
export function metricRowsSql(groups: number, scorers: number): string {
  const keys = Array.from({ length: groups }, (_, i) => `json_extract(s.metadata, @g${i}) AS g${i}`);
  const names = Array.from({ length: scorers }, (_, i) => `@s${i}`).join(', ');
  return `SELECT s.model, s.sample_id, s.epoch${keys.map((k) => `, ${k}`).join('')},
                 c.scorer, c.outcome, c.value, c.details
            FROM samples s JOIN scores c ON c.run_id = s.run_id AND c.model = s.model AND c.sample_id = s.sample_id AND c.epoch = s.epoch
           WHERE s.run_id = @run AND s.status = 'done' AND c.scorer IN (${names}, 'human')
           ORDER BY s.model, s.sample_id, s.epoch`;
}

export function reviewStatements(db: Database.Database): Record<'reviewDisagree' | 'reviewUnscored' | 'reviewAll', Database.Statement> {
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
