import { createHash } from 'node:crypto';
import type { AuditEntry, AuditReceipt, MonitorAlert, TrafficRecord } from '../contracts.js';
import type { AuditSink, BodyStore, StoredBody, TrafficMonitor } from '../hooks.js';

/**
 * TEST DOUBLE for the audit log: keeps entries in an array and hands out receipts shaped like
 * the real log's (index, SHA-256 of 0x00 || JSON). Not a Merkle log; src/gateway/audit/ is.
 */
export class FakeAuditSink implements AuditSink {
  readonly entries: AuditEntry[] = [];
  /** Set to make every append fail (the log is down). */
  failing = false;

  async append(entry: AuditEntry): Promise<AuditReceipt> {
    if (this.failing) throw new Error('fake audit sink: down');
    const index = this.entries.push(entry) - 1;
    const leafHash = createHash('sha256').update(Buffer.from([0])).update(JSON.stringify(entry)).digest('hex');
    return { index, leafHash };
  }

  ofKind(kind: AuditEntry['kind']): AuditEntry[] {
    return this.entries.filter((e) => e.kind === kind);
  }
}

/** TEST DOUBLE: bodies kept in memory. */
export class FakeBodyStore implements BodyStore {
  readonly bodies: StoredBody[] = [];
  async put(body: StoredBody): Promise<void> {
    this.bodies.push(body);
  }
}

/** TEST DOUBLE for the extraction monitor: records what it sees, raises whatever `alertsFor` says. */
export class FakeMonitor implements TrafficMonitor {
  readonly seen: TrafficRecord[] = [];
  constructor(private readonly alertsFor: (r: TrafficRecord, seen: TrafficRecord[]) => MonitorAlert[] = () => []) {}
  observe(record: TrafficRecord): MonitorAlert[] {
    this.seen.push(record);
    return this.alertsFor(record, this.seen);
  }
}
