import { createHash } from 'node:crypto';
import { bodyHash } from '../audit/canonical.js';
import type { AuditEntry, AuditReceipt } from '../contracts.js';
import type { AuditCommit, AuditSink, BodyStore } from '../hooks.js';
import { pooledRandomBytes } from './random-pool.js';

import { RECEIPT_HEADER, REQUEST_RECEIPT_HEADER, formatReceiptHeader } from '../audit/receipt.js';

/** `x-crosscheck-receipt: <index>:<leafHash>[:<signature>]` (audit/receipt.ts) */
export { RECEIPT_HEADER, REQUEST_RECEIPT_HEADER };
export const REQUEST_ID_HEADER = 'x-crosscheck-request-id';
export const formatReceipt = formatReceiptHeader;

/**
 * Appends leaves and salts + hashes bodies. Each body gets its own random salt, so a leaf's
 * hash reveals nothing about a guessable body; the salt and body go to the BodyStore so the
 * grantor can later prove what was sent.
 */
export class AuditTrail {
  constructor(
    private readonly sink: AuditSink,
    private readonly bodies: BodyStore,
    private readonly storeBodies: boolean,
    private readonly log: (line: string) => void,
  ) {}

  /** Bodies hashed but not yet appended, by bodyHash: they ride along with the leaf that commits to them. */
  private readonly waiting = new Map<string, { salt: Buffer; body: Buffer }>();

  /** `commit`: when the leaf is committed (see AuditCommit; default at once); `sign`: its receipt goes to a grantee. */
  append(entry: AuditEntry, opts: { commit?: AuditCommit; sign?: boolean } = {}): Promise<AuditReceipt> {
    const saltedBody = entry.bodyHash ? this.waiting.get(entry.bodyHash) : undefined;
    if (saltedBody) this.waiting.delete(entry.bodyHash!);
    return this.sink.append(entry, { saltedBody, commit: opts.commit, sign: opts.sign });
  }

  /** Salted hash of a whole body; the body is kept (see keep). */
  hashBody(requestId: string, part: 'request' | 'response', body: Buffer, contentType: string): string {
    const salt = nextSalt();
    const digest = bodyHash(salt, body);
    if (this.storeBodies) this.keep(requestId, part, contentType, salt, body, digest);
    return digest;
  }

  /** For bodies that arrive in pieces (streams). */
  bodyHasher(requestId: string, part: 'request' | 'response', contentType: string): { push(chunk: Buffer | string): void; finish(): string } {
    const salt = nextSalt();
    const hash = createHash('sha256').update(salt);
    const chunks: Buffer[] = [];
    return {
      push: (chunk) => {
        const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        hash.update(b);
        if (this.storeBodies) chunks.push(b);
      },
      finish: () => {
        const digest = hash.digest('hex');
        if (this.storeBodies) this.keep(requestId, part, contentType, salt, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), digest);
        return digest;
      },
    };
  }

  /**
   * A sink that keeps bodies stores this one with the leaf that commits to it (one write);
   * otherwise it goes to the separate BodyStore.
   */
  private keep(requestId: string, part: 'request' | 'response', contentType: string, salt: Buffer, body: Buffer, digest: string): void {
    if (this.sink.storesBodies) {
      this.waiting.set(digest, { salt, body });
      return;
    }
    this.bodies
      .put({ requestId, part, salt: salt.toString('hex'), body, contentType })
      .catch((err: Error) => this.log(`body store: could not keep the ${part} body of ${requestId}: ${err.message}`));
  }
}

/** A body's salt (16 bytes). */
function nextSalt(): Buffer {
  return pooledRandomBytes(16);
}
