import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../core/errors.js';
import { MIGRATIONS } from './migrations.js';

/**
 * Opens a store file and brings its schema up to date. With `mustExist` (commands that only
 * read) a path with no store is a one-line error, never a new empty database.
 */
export function openDatabase(path: string, mustExist: boolean): Database.Database {
  if (mustExist && path !== ':memory:' && !existsSync(path)) {
    throw new UsageError(`no store at ${path}: check --store (crosscheck eval creates a store; this command only reads one)`);
  }
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path, { fileMustExist: mustExist });
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

export function migrate(db: Database.Database): void {
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

