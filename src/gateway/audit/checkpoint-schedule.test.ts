import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuditLog } from './audit-log.js';
import { peekCheckpoint } from './checkpoint.js';
import { startCheckpointing } from './checkpoint-schedule.js';
import { generateSignerKey } from './signed-note.js';
import { SqliteAuditStorage } from './sqlite-audit-storage.js';

test('signs checkpoints while the log grows and not while it is idle', async () => {
  const log = await AuditLog.open(new SqliteAuditStorage(':memory:'), generateSignerKey('gw.test/audit').signerKey);
  const errors: Error[] = [];
  const schedule = startCheckpointing(log, 10, (e) => errors.push(e));
  const count = async () => (await log.checkpoints()).length;
  const waitFor = async (n: number) => {
    for (let i = 0; i < 200 && (await count()) < n; i++) await sleep(10);
  };
  await log.append({ kind: 'request', time: 't' });
  await waitFor(1);
  await sleep(50); // several more ticks with nothing new
  assert.equal(await count(), 1, 'one checkpoint for the first leaf, none while idle');
  await log.append({ kind: 'response', time: 't' });
  await waitFor(2);
  await schedule.stop();
  const sizes = (await log.checkpoints()).map((n) => peekCheckpoint(n).size);
  assert.deepEqual(sizes, [1, 2]);
  assert.deepEqual(errors, []);
  assert.throws(() => startCheckpointing(log, 0, () => undefined), RangeError);
  await log.close();
});
