/**
 * The gateway's default audit storage: an append-only journal file in front of SQLite.
 *
 * A batch of leaves is committed by one write() to the journal (a few µs), not by a SQLite
 * transaction (50-150 µs here, with a WAL checkpoint's fsync now and then), and a receipt waits
 * for that write. What "durable" means is the `durability` setting:
 * - `process`: the write() is the commit. It survives a crash or kill -9 of the process (the
 *   kernel has the bytes), not a power cut: SQLite's WAL + synchronous=NORMAL guarantee.
 * - `fsync`: receipts wait for an fdatasync of the journal that began after their write;
 *   concurrent calls share one flush (group commit), and the copy into SQLite runs with
 *   synchronous=FULL, so the journal is emptied only of leaves SQLite has flushed too.
 *   Survives a power cut, at the cost of a flush per group on the reply's path. Journaled leaves are copied into SQLite (where proofs, leaf reads and
 * bodies are served from) in the background, every INDEX_EVERY_MS in slices of COPY_SLICE, and
 * before any read; once all are copied, the journal is emptied. On open, leaves still in the
 * journal are copied first.
 *
 * One writer: the SQLite file is held in EXCLUSIVE locking mode, so a second process opening the
 * same log fails at once instead of interleaving indices. Several gateways share a log in Postgres.
 */
import { ConfigError } from '../../core/errors.js';
import { chmodSync, closeSync, existsSync, fdatasync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { AppendResult, AuditStorage, LeafToAppend, StoredBody, StoredCheckpoint, StoredLeaf } from './audit-storage.js';
import { journalLine, journalTail, parseJournalLine } from './journal-line.js';
import { SqliteAuditStorage } from './sqlite-audit-storage.js';

const INDEX_EVERY_MS = 50;
/** Copy at once when this many leaves wait, so a burst never piles up in memory. */
const INDEX_AT_LEAVES = 2_000;
/**
 * Leaves per background copy. A copy blocks the event loop (better-sqlite3 is synchronous): 50 ms
 * of leaves at once took a few ms, which every call arriving meanwhile waited out (the gateway's
 * p99). In slices, one turn of the loop apart, a call waits for one slice at most.
 */
const COPY_SLICE = 64;

/** What a receipt waits for: the journal write (`process`) or its flush to disk (`fsync`). */
export type Durability = 'process' | 'fsync';

/** Another connection (another gateway process) has the log open. */
export class AuditLogInUseError extends ConfigError {}

export class JournaledAuditStorage implements AuditStorage {
  /** Journaled, not yet copied into SQLite, in index order. */
  private waiting: LeafToAppend[] = [];
  private indexed: number;
  private timer: NodeJS.Timeout | null = null;
  /** The next slice of a background copy, one turn of the event loop away. */
  private nextSlice: NodeJS.Immediate | null = null;

  /** Length of the journal file: where the next record starts (and what a failed write is cut back to). */
  private journalBytes = 0;
  /** `fsync`: the flush running now, and the one that will cover writes made since it began. */
  private flushing: Promise<void> | null = null;
  private nextFlush: Promise<void> | null = null;

  private constructor(
    private readonly db: SqliteAuditStorage,
    private readonly journal: string,
    private readonly fd: number,
    readonly durability: Durability,
  ) {
    this.indexed = db.count();
  }

  /** The journal beside a SQLite audit file. */
  static journalPath(dbPath: string): string {
    return `${dbPath}.leaves.log`;
  }

  /**
   * Opens (or creates) the log at `dbPath`, copying in any leaves a crash left in the journal.
   * New files are created readable by their owner only (they hold prompts and responses).
   */
  static open(dbPath: string, opts: { durability?: Durability } = {}): JournaledAuditStorage {
    const durability = opts.durability ?? 'process';
    const journal = JournaledAuditStorage.journalPath(dbPath);
    ownerOnly(dbPath);
    ownerOnly(journal);
    let db: SqliteAuditStorage;
    try {
      db = new SqliteAuditStorage(dbPath, { exclusive: true, synchronous: durability === 'fsync' ? 'FULL' : 'NORMAL' });
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_BUSY') {
        throw new AuditLogInUseError(`the audit log ${dbPath} is open in another process (one gateway writes a SQLite log; several share one in Postgres)`);
      }
      throw err;
    }
    const fd = openSync(journal, 'a+', 0o600);
    const s = new JournaledAuditStorage(db, journal, fd, durability);
    try {
      s.replay(readFileSync(journal));
    } catch (err) {
      closeSync(fd);
      void db.close();
      throw err;
    }
    return s;
  }

  async appendLeaves(knownSize: number, leaves: LeafToAppend[]): Promise<AppendResult> {
    return this.appendLeavesSync(knownSize, leaves);
  }

  /** The line but its index, made as the leaf is queued (a request leaf then waits for its call's answer). */
  encodeLeaf(leaf: LeafToAppend): void {
    leaf.encoded = journalTail(leaf) ?? undefined;
  }

  /** Committed when this returns: the journal write is the commit. */
  appendLeavesSync(knownSize: number, leaves: LeafToAppend[]): AppendResult {
    const firstIndex = this.indexed + this.waiting.length;
    if (knownSize !== firstIndex) throw new Error(`the audit log holds ${firstIndex} leaves but the writer knows ${knownSize}: only one writer may append`);
    const lines = leaves.map((l, k) => journalLine(firstIndex + k, l, l.encoded)).join('\n') + '\n';
    const bytes = Buffer.from(lines, 'utf8');
    try {
      writeAll(this.fd, bytes);
    } catch (err) {
      ftruncateSync(this.fd, this.journalBytes); // no torn line for the next record to follow
      throw err;
    }
    this.journalBytes += bytes.length;
    this.waiting.push(...leaves);
    // From here on the batch is committed: a failed copy into SQLite must not reject it.
    if (this.waiting.length >= INDEX_AT_LEAVES) this.indexQuietly();
    else this.timer ??= setTimeout(() => this.indexQuietly(), INDEX_EVERY_MS).unref();
    return { firstIndex, missed: [] };
  }

  /** `fsync`: a flush that began after every write made so far (group commit); `process`: nothing to wait for. */
  flushed(): Promise<void> | undefined {
    if (this.durability === 'process') return undefined;
    if (this.nextFlush) return this.nextFlush;
    if (!this.flushing) return (this.flushing = this.flush());
    // The flush running now may have begun before the latest write: the next one covers it, and every write until it begins.
    this.nextFlush = this.flushing.catch(() => undefined).then(() => {
      this.nextFlush = null;
      return (this.flushing = this.flush());
    });
    return this.nextFlush;
  }

  private flush(): Promise<void> {
    return new Promise((resolve, reject) =>
      fdatasync(this.fd, (err) => {
        this.flushing = null;
        if (err) reject(err);
        else resolve();
      }),
    );
  }

  async leafHashes(from: number, limit: number): Promise<string[]> {
    this.indexNow();
    return this.db.leafHashes(from, limit);
  }

  async readLeaves(from: number, limit: number): Promise<StoredLeaf[]> {
    this.indexNow();
    return this.db.readLeaves(from, limit);
  }

  async putCheckpoint(size: number, note: string): Promise<void> {
    this.indexNow();
    return this.db.putCheckpoint(size, note);
  }

  checkpoints(): Promise<StoredCheckpoint[]> {
    return this.db.checkpoints();
  }

  putBody(body: StoredBody): Promise<void> {
    return this.db.putBody(body);
  }

  async getBody(requestId: string, part: string): Promise<StoredBody | undefined> {
    this.indexNow();
    return this.db.getBody(requestId, part);
  }

  async close(): Promise<void> {
    try {
      await this.nextFlush;
      await this.flushing;
      this.indexNow();
    } finally {
      closeSync(this.fd);
      await this.db.close();
    }
  }

  /** Copies every waiting leaf into SQLite (before a read), then empties the journal. */
  private indexNow(): void {
    this.copy(Infinity);
  }

  /**
   * Copies up to `max` waiting leaves into SQLite in one transaction; the journal is emptied once
   * none wait (leaves it holds that were copied already are skipped when it is replayed).
   */
  private copy(max: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.nextSlice) clearImmediate(this.nextSlice);
    this.nextSlice = null;
    if (this.waiting.length === 0) return;
    const n = Math.min(max, this.waiting.length);
    const leaves = n === this.waiting.length ? this.waiting : this.waiting.slice(0, n);
    // On failure the leaves stay in the journal (durable) and in `waiting`; reads fail until a copy succeeds.
    this.db.appendInTransaction(this.indexed, leaves);
    this.indexed += n;
    this.waiting = n === this.waiting.length ? [] : this.waiting.slice(n);
    if (this.waiting.length === 0) {
      this.emptyJournal();
      return;
    }
    // Not unref()ed: an unref()ed immediate waits for the next I/O wake-up before it runs.
    this.nextSlice = setImmediate(() => this.indexQuietly());
  }

  private emptyJournal(): void {
    ftruncateSync(this.fd, 0); // opened for appending: the next write starts the file again
    this.journalBytes = 0;
  }

  private indexQuietly(): void {
    try {
      this.copy(COPY_SLICE);
    } catch {
      // a later read retries and reports the error; meanwhile retry now and then
      this.timer ??= setTimeout(() => this.indexQuietly(), INDEX_EVERY_MS * 20).unref();
    }
  }

  /** Leaves journaled but not in SQLite (a crash between the two) are copied in; a torn last line is dropped. */
  private replay(bytes: Buffer): void {
    const text = bytes.toString('utf8');
    const complete = text.lastIndexOf('\n') + 1; // an append cut short by a crash never got its receipt
    const records = text
      .slice(0, complete)
      .split('\n')
      .filter(Boolean)
      .map((line, n) => {
        try {
          return parseJournalLine(line);
        } catch {
          throw new Error(`audit journal ${this.journal}: line ${n + 1} is not a journal record`);
        }
      });
    for (const { index, leaf } of records) {
      if (index < this.indexed + this.waiting.length) continue; // copied before the crash
      if (index !== this.indexed + this.waiting.length) {
        throw new Error(`audit journal ${this.journal}: leaf ${index} follows leaf ${this.indexed + this.waiting.length - 1}: leaves are missing`);
      }
      this.waiting.push(leaf);
    }
    this.indexNow();
    this.emptyJournal(); // also when every record had been copied before the crash
  }
}

/** Creates `file` readable and writable by its owner only, if it does not exist yet. */
function ownerOnly(file: string): void {
  if (existsSync(file)) return;
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600); // whatever the umask left
}

function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}
