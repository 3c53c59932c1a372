/**
 * The gateway's append-only audit log: each event is a leaf of an RFC 6962 Merkle tree kept in
 * memory (so appends and proofs never touch the whole tree) and persisted through an
 * AuditStorage. Appends are serialised and grouped: while one batch is being written, new ones
 * queue and go together in the next write, so concurrent calls get distinct consecutive indices
 * and one storage round trip serves many requests.
 */
import type { AuditEntry, AuditReceipt } from '../contracts.js';
import type { AuditCommit } from '../hooks.js';
import type { AppendResult, AuditStorage, LeafToAppend, StoredBody, StoredLeaf } from './audit-storage.js';
import { bodyHash, canonicalJson, newSalt } from './canonical.js';
import { signCheckpoint } from './checkpoint.js';
import { hashLeafText } from './merkle.js';
import { MerkleTree } from './merkle-tree.js';
import { signReceipt } from './receipt.js';
import { parseSignerKey, verifierKeyOf, type SignerKey } from './signed-note.js';

/** Where a verifier gets proofs from: an AuditLog, or the gateway over HTTP. Hashes are hex. */
export interface ProofSource {
  inclusionProof(index: number, size: number): Promise<string[]>;
  consistencyProof(from: number, to: number): Promise<string[]>;
}

export interface AppendOptions {
  /**
   * The request or response body. It is stored apart under (entry.requestId, entry.kind) with a
   * fresh salt, and the leaf gets only `bodyHash` = SHA-256(salt || body).
   */
  body?: string | Uint8Array;
  /**
   * A body the caller already salted and hashed into `entry.bodyHash` (e.g. a stream hashed as it
   * passed): stored as given, in the same transaction as the leaf.
   */
  saltedBody?: { salt: Buffer; body: Buffer };
  /** When the leaf is committed (see AuditCommit). Order in the log is call order whatever the timing. */
  commit?: AuditCommit;
  /** Sign the receipt (it goes to a grantee; see receipt.ts). */
  sign?: boolean;
}

/** Longest a `group` leaf waits for a write to share. */
export const GROUP_COMMIT_MS = 5;

interface Pending {
  leaf: LeafToAppend;
  sign: boolean;
  resolve(r: AuditReceipt): void;
  reject(e: unknown): void;
}

const MAX_BATCH = 500;
const SYNC_PAGE = 10_000;

export class AuditLog implements ProofSource {
  private readonly tree = new MerkleTree();
  private queue: Pending[] = [];
  private flushScheduled = false;
  /** Commits `group` leaves no other write has taken along. */
  private groupTimer: NodeJS.Timeout | null = null;
  /** Tail of the chain of tree-changing storage operations (appends, syncs), run one at a time. */
  private tail: Promise<unknown> = Promise.resolve();
  /** The latest signed checkpoint (what GET /audit/checkpoint serves). */
  private latest: string | null = null;

  private constructor(
    private readonly storage: AuditStorage,
    private readonly signer: SignerKey,
  ) {}

  /** Opens the log over `storage`, loading the leaf hashes already stored. */
  static async open(storage: AuditStorage, signerKey: string | SignerKey): Promise<AuditLog> {
    const log = new AuditLog(storage, typeof signerKey === 'string' ? parseSignerKey(signerKey) : signerKey);
    await log.sync();
    log.latest = (await storage.checkpoints()).at(-1)?.note ?? null;
    return log;
  }

  /** The log's origin (its key name), the first line of each checkpoint. */
  get origin(): string {
    return this.signer.name;
  }

  /** Bodies given to append() are stored with their leaf, in one transaction (see AuditSink). */
  readonly storesBodies = true;

  /** The public key string grantees verify checkpoints with. */
  get verifierKey(): string {
    return verifierKeyOf(this.signer);
  }

  /**
   * Appends one leaf; resolves once it is durable (written to the journal, flushed to disk under
   * `durability: fsync`, or committed in Postgres), with the receipt for the response header.
   */
  append(entry: AuditEntry, opts: AppendOptions = {}): Promise<AuditReceipt> {
    let pending: Pick<Pending, 'leaf'>;
    try {
      pending = this.prepare(entry, opts);
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise<AuditReceipt>((resolve, reject) => {
      this.queue.push({ ...pending, sign: opts.sign === true, resolve, reject });
      // A storage that commits with one cheap write appends now (with anything queued before, in
      // order) unless the caller asked to wait ('turn', 'group'); others batch per turn.
      const commit = opts.commit ?? 'now';
      if (!this.storage.appendLeavesSync) this.scheduleFlush();
      else if (commit === 'now') this.writeNow();
      else if (commit === 'turn') this.scheduleFlush();
      else this.groupTimer ??= setTimeout(() => this.commitQueued(), GROUP_COMMIT_MS);
    });
  }

  /** Commits whatever is queued now (e.g. `group` leaves whose receipts are wanted at once). */
  commitQueued(): void {
    this.stopGroupTimer();
    if (this.storage.appendLeavesSync) this.writeNow();
    else this.scheduleFlush();
  }

  /**
   * Stores a body on its own (when it is not appended together with its leaf) and returns the
   * `bodyHash` to put in the entry that commits to it.
   */
  async putBody(requestId: string, part: 'request' | 'response' | string, body: string | Uint8Array): Promise<string> {
    const salt = newSalt();
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
    await this.storage.putBody({ requestId, part, salt, body: bytes });
    return bodyHash(salt, bytes);
  }

  /** Canonical bytes, leaf hash and (salted) body of an entry; throws on entries JSON cannot carry. */
  private prepare(entry: AuditEntry, opts: AppendOptions): Pick<Pending, 'leaf'> {
    let body: StoredBody | undefined;
    let committed = entry;
    if (opts.body !== undefined) {
      if (!entry.requestId) throw new TypeError('an entry with a body needs a requestId to file the body under');
      const salt = newSalt();
      const bytes = typeof opts.body === 'string' ? Buffer.from(opts.body, 'utf8') : Buffer.from(opts.body);
      body = { requestId: entry.requestId, part: entry.kind, salt, body: bytes };
      committed = { ...entry, bodyHash: bodyHash(salt, bytes) };
    } else if (opts.saltedBody) {
      if (!entry.requestId || !entry.bodyHash) throw new TypeError('a salted body needs the entry\'s requestId and bodyHash');
      body = { requestId: entry.requestId, part: entry.kind, salt: opts.saltedBody.salt, body: opts.saltedBody.body };
    }
    const json = canonicalJson(committed);
    const leaf: LeafToAppend = { entry: json, leafHash: hashLeafText(json), body };
    this.storage.encodeLeaf?.(leaf);
    return { leaf };
  }

  /** Signs and stores a checkpoint for everything appended so far (by any writer). */
  checkpoint(): Promise<string> {
    return this.exclusive(async () => {
      await this.pullMissed();
      const note = signCheckpoint(this.tree.size, this.tree.root(), this.signer);
      await this.storage.putCheckpoint(this.tree.size, note);
      this.latest = note;
      return note;
    });
  }

  /**
   * The latest signed checkpoint, without signing a new one (the checkpoint schedule signs as the
   * log grows); the first is signed on demand if none was ever signed.
   */
  async latestCheckpoint(): Promise<string> {
    return this.latest ?? this.checkpoint();
  }

  /** Stored checkpoints (signed notes), oldest first. */
  async checkpoints(): Promise<string[]> {
    return (await this.storage.checkpoints()).map((c) => c.note);
  }

  /** Number of leaves, including those appended by other writers. */
  async size(): Promise<number> {
    await this.sync();
    return this.tree.size;
  }

  /** hex root of the tree of `size` leaves (default: the whole log, including other writers' leaves). */
  async root(size?: number): Promise<string> {
    if (size === undefined) await this.sync();
    else await this.syncTo(size);
    return this.tree.root(size ?? this.tree.size).toString('hex');
  }

  async inclusionProof(index: number, size: number): Promise<string[]> {
    await this.syncTo(size);
    return this.tree.inclusionProof(index, size).map((h) => h.toString('hex'));
  }

  async consistencyProof(from: number, to: number): Promise<string[]> {
    await this.syncTo(to);
    return this.tree.consistencyProof(from, to).map((h) => h.toString('hex'));
  }

  async entry(index: number): Promise<AuditEntry | undefined> {
    const [leaf] = await this.storage.readLeaves(index, 1);
    return leaf && leaf.index === index ? (JSON.parse(leaf.entry) as AuditEntry) : undefined;
  }

  async readLeaves(from: number, limit: number): Promise<StoredLeaf[]> {
    return this.storage.readLeaves(from, limit);
  }

  /** Opens a body for a dispute: recompute bodyHash(salt, body) and compare with the leaf. */
  async getBody(requestId: string, part: 'request' | 'response' | string): Promise<StoredBody | undefined> {
    return this.storage.getBody(requestId, part);
  }

  /** Reads leaves other writers appended since this process last looked. */
  sync(): Promise<void> {
    return this.exclusive(() => this.pullMissed());
  }

  /** Waits for every queued append to be stored. */
  async flush(): Promise<void> {
    // Also writes what is queued for a flush not yet begun (e.g. leaves deferred to the end of this turn).
    await this.exclusive(async () => {
      while (this.queue.length > 0) await this.writeBatch();
    });
  }

  async close(): Promise<void> {
    this.stopGroupTimer();
    try {
      await this.flush();
    } finally {
      await this.storage.close();
    }
  }

  private async syncTo(size: number): Promise<void> {
    if (size > this.tree.size) await this.sync();
  }

  // Deferred to the end of this turn of the event loop, so every leaf appended while handling the
  // I/O of one turn shares one transaction (one commit per leaf cost a third of the gateway's throughput).
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => void this.exclusive(() => this.writeBatch()));
  }

  private writeNow(): void {
    const batch = this.queue.splice(0);
    this.stopGroupTimer();
    if (batch.length === 0) return;
    let receipts: AuditReceipt[];
    try {
      receipts = this.place(this.storage.appendLeavesSync!(this.tree.size, batch.map((p) => p.leaf)), batch);
    } catch (e) {
      for (const p of batch) p.reject(e);
      return;
    }
    const flushed = this.storage.flushed?.();
    if (!flushed) this.issue(batch, receipts);
    else flushed.then(() => this.issue(batch, receipts), (e: unknown) => batch.forEach((p) => p.reject(e)));
  }

  /** Receipts for durable leaves, signed where they go to a grantee. */
  private issue(batch: Pending[], receipts: AuditReceipt[]): void {
    batch.forEach((p, i) => {
      const r = receipts[i];
      p.resolve(p.sign ? { ...r, signature: signReceipt(this.signer, r.index, r.leafHash) } : r);
    });
  }

  private async writeBatch(): Promise<void> {
    this.flushScheduled = false;
    if (this.storage.appendLeavesSync) {
      this.writeNow();
      return;
    }
    const batch = this.queue.splice(0, MAX_BATCH);
    if (this.queue.length > 0) this.scheduleFlush();
    if (batch.length === 0) return;
    try {
      const receipts = this.place(await this.storage.appendLeaves(this.tree.size, batch.map((p) => p.leaf)), batch);
      await this.storage.flushed?.();
      this.issue(batch, receipts);
    } catch (e) {
      for (const p of batch) p.reject(e);
    }
  }

  /** Nothing left for it to commit (or the log closes): a timer that fired would only wake the loop. */
  private stopGroupTimer(): void {
    if (this.groupTimer) clearTimeout(this.groupTimer);
    this.groupTimer = null;
  }

  /** Adds a stored batch (after any leaves other writers stored first) to the tree; its receipts. */
  private place({ firstIndex, missed }: AppendResult, batch: readonly Pending[]): AuditReceipt[] {
    for (const h of missed) this.tree.append(h);
    if (firstIndex !== this.tree.size) {
      throw new Error(`audit storage put the batch at index ${firstIndex} but the log has ${this.tree.size} leaves: the chain is broken`);
    }
    return batch.map((p, i) => {
      this.tree.append(p.leaf.leafHash);
      return { index: firstIndex + i, leafHash: p.leaf.leafHash };
    });
  }

  private async pullMissed(): Promise<void> {
    for (;;) {
      const hashes = await this.storage.leafHashes(this.tree.size, SYNC_PAGE);
      for (const h of hashes) this.tree.append(h);
      if (hashes.length < SYNC_PAGE) return;
    }
  }

  /** Runs `fn` after every earlier tree-changing operation, never alongside one. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
