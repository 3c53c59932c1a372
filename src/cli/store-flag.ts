import { DEFAULT_STORE_PATH, SqliteStore } from '../store/sqlite-store.js';

/**
 * `--store PATH`, else $CROSSCHECK_STORE, else `.crosscheck/crosscheck.db` in the working
 * directory. Commands that only read pass `mustExist`: a mistyped path is a one-line error, not
 * a new empty database.
 */
export function openStore(path: string | undefined, opts: { mustExist?: boolean } = {}): SqliteStore {
  return new SqliteStore(path ?? process.env.CROSSCHECK_STORE ?? DEFAULT_STORE_PATH, opts);
}
