/**
 * Where the audit log lives. Leaves, signed checkpoints and bodies are kept apart: a leaf holds
 * only a salted body hash, and a body can be opened by (request id, part) in a dispute without
 * revealing any other.
 */

/** A leaf on its way into storage, with the body it commits to, if any. */
export interface LeafToAppend {
  /** Canonical JSON of the AuditEntry: exactly the bytes that were hashed. */
  entry: string;
  /** hex RFC 6962 leaf hash of `entry`. */
  leafHash: string;
  body?: StoredBody;
  /** The storage's own encoding of the leaf, made when it was queued (see AuditStorage.encodeLeaf). */
  encoded?: string;
}

export interface StoredLeaf {
  index: number;
  entry: string;
  leafHash: string;
}

/** `part` is the entry kind the body belongs to: 'request' or 'response'. */
export interface StoredBody {
  requestId: string;
  part: string;
  salt: Buffer;
  body: Buffer;
}

export interface StoredCheckpoint {
  size: number;
  note: string;
  /** ISO 8601. */
  createdAt: string;
}

export interface AppendResult {
  /** Index given to the first appended leaf; the rest follow consecutively. */
  firstIndex: number;
  /** hex leaf hashes stored by other writers between `knownSize` and `firstIndex`, in order. */
  missed: string[];
}

export interface AuditStorage {
  /**
   * Atomically appends `leaves` (and their bodies) right after the last stored leaf, so indices
   * stay consecutive even with several writers. `knownSize` is how many leaves the caller holds;
   * the result tells it what other writers added since, so it can keep its tree in step.
   */
  appendLeaves(knownSize: number, leaves: LeafToAppend[]): Promise<AppendResult>;
  /**
   * Only for storages whose commit is one cheap synchronous write (a journal): the log then
   * appends each leaf at once instead of batching leaves per turn of the event loop.
   */
  appendLeavesSync?(knownSize: number, leaves: LeafToAppend[]): AppendResult;
  /**
   * Called as each leaf is queued, maybe well before its commit: encoding done here (into
   * `leaf.encoded`) is off the reply's path for a leaf that waits, as a call's request leaf
   * waits for its response leaf.
   */
  encodeLeaf?(leaf: LeafToAppend): void;
  /**
   * For storages whose append is not yet on disk when it returns (the journal under
   * `durability: fsync`): resolves once everything appended so far is flushed. Concurrent callers
   * share one flush (group commit). Absent, or undefined returned: appends are durable as they return.
   */
  flushed?(): Promise<void> | undefined;
  /** Leaf hashes (hex) from index `from`, at most `limit`, in index order. */
  leafHashes(from: number, limit: number): Promise<string[]>;
  /** Leaves from index `from`, at most `limit`, in index order. */
  readLeaves(from: number, limit: number): Promise<StoredLeaf[]>;
  putCheckpoint(size: number, note: string): Promise<void>;
  /** All stored checkpoints, oldest first. */
  checkpoints(): Promise<StoredCheckpoint[]>;
  putBody(body: StoredBody): Promise<void>;
  getBody(requestId: string, part: string): Promise<StoredBody | undefined>;
  close(): Promise<void>;
}
