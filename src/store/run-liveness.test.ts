import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LEASE_MS, liveStatus } from './run-liveness.js';

const here = { pid: 100, host: 'box-a' };
const now = Date.parse('2026-01-01T12:00:00Z');
const ago = (ms: number) => new Date(now - ms).toISOString();
const running = (owner: { pid: number; host: string; heartbeatAt: string } | null) => ({ status: 'running' as const, stopReason: null, owner });

test('a running run is running while its process exists and its heartbeat is fresh', () => {
  const alive = () => true;
  assert.equal(liveStatus(running({ pid: 7, host: 'box-a', heartbeatAt: ago(1000) }), now, here, alive).status, 'running');
  assert.equal(liveStatus(running({ pid: 7, host: 'box-b', heartbeatAt: ago(LEASE_MS - 1) }), now, here, alive).status, 'running', 'another host: the lease decides');
});

test('on its own host, a run whose process is gone is stopped at once (kill -9), whatever its heartbeat', () => {
  const s = liveStatus(running({ pid: 7, host: 'box-a', heartbeatAt: ago(10) }), now, here, (pid) => pid !== 7);
  assert.equal(s.status, 'stopped');
  assert.match(s.stopReason!, /process 7 on box-a ended without finishing it/);
});

test('a heartbeat older than the lease means stopped, on any host (a reused pid or a hung process too)', () => {
  for (const host of ['box-a', 'box-b']) {
    const s = liveStatus(running({ pid: 7, host, heartbeatAt: ago(LEASE_MS + 1) }), now, here, () => true);
    assert.equal(s.status, 'stopped');
    assert.match(s.stopReason!, /no heartbeat from process 7/);
  }
});

test('finished and stopped runs keep their stored status; a running run with no owner recorded predates heartbeats and is stopped', () => {
  assert.deepEqual(liveStatus({ status: 'finished', stopReason: null, owner: null }, now, here), { status: 'finished', stopReason: null });
  assert.deepEqual(liveStatus({ status: 'stopped', stopReason: 'interrupted (SIGINT)', owner: null }, now, here), { status: 'stopped', stopReason: 'interrupted (SIGINT)' });
  assert.equal(liveStatus(running(null), now, here).status, 'stopped');
});
