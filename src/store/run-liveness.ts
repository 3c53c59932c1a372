/**
 * Whether a run stored as `running` is really running: the process that runs it renews a
 * heartbeat every HEARTBEAT_MS; on its own host a reader also checks that the process exists,
 * so a run killed with kill -9 reads as stopped at once there, and elsewhere once its lease ends.
 */
import { hostname } from 'node:os';
import type { RunStatus } from '../core/run-record.js';

/** How often a running process renews its runs' heartbeat. */
export const HEARTBEAT_MS = 5_000;
/** A heartbeat older than this means the process is gone (or hung): six missed beats. */
export const LEASE_MS = 30_000;

export interface RunOwner {
  pid: number;
  host: string;
  heartbeatAt: string;
}

export interface Liveness {
  status: RunStatus;
  stopReason: string | null;
}

/** This process, as a run's owner. */
export function thisProcess(): { pid: number; host: string } {
  return { pid: process.pid, host: hostname() };
}

/**
 * The status a reader should see. A stored `running` run is running only while its owner's
 * heartbeat is within the lease and, on this host, its process exists.
 */
export function liveStatus(
  stored: { status: RunStatus; stopReason: string | null; owner: RunOwner | null },
  now = Date.now(),
  here = thisProcess(),
  processExists: (pid: number) => boolean = pidExists,
): Liveness {
  if (stored.status !== 'running') return { status: stored.status, stopReason: stored.stopReason };
  const owner = stored.owner;
  if (!owner) return { status: 'stopped', stopReason: 'its process is gone (the run predates heartbeats)' };
  const age = now - Date.parse(owner.heartbeatAt);
  const where = `process ${owner.pid} on ${owner.host}`;
  if (owner.host === here.host && !processExists(owner.pid)) {
    return { status: 'stopped', stopReason: `its ${where} ended without finishing it (killed?); last heartbeat ${owner.heartbeatAt}` };
  }
  if (!(age <= LEASE_MS)) {
    return { status: 'stopped', stopReason: `no heartbeat from ${where} since ${owner.heartbeatAt} (killed or hung)` };
  }
  return { status: 'running', stopReason: null };
}

/** `kill(pid, 0)` checks for a process without signalling it; EPERM means it exists under another user. */
function pidExists(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
