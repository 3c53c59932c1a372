import { DEFAULT_STORE_PATH, SqliteStore } from '../store/sqlite-store.js';

/** `--store PATH`, else `.crosscheck/crosscheck.db` in the working directory. */
export function openStore(path: string | undefined): SqliteStore {
  return new SqliteStore(path ?? process.env.CROSSCHECK_STORE ?? DEFAULT_STORE_PATH);
}
