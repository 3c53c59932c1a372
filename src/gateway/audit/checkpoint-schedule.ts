/**
 * Signs a checkpoint every `everyMs` while the log grows, so receipts become provable soon after
 * they are issued. Idle logs are not re-signed. The timer does not keep the process alive.
 */
import type { AuditLog } from './audit-log.js';

export function startCheckpointing(log: AuditLog, everyMs: number, onError: (e: Error) => void): { stop(): Promise<void> } {
  if (!(everyMs > 0)) throw new RangeError(`checkpoint interval must be positive, got ${everyMs}`);
  let lastSize = -1;
  let running: Promise<void> = Promise.resolve();
  const tick = (): void => {
    running = (async () => {
      const size = await log.size();
      if (size === lastSize) return;
      await log.checkpoint();
      lastSize = size;
    })().catch((e: Error) => onError(e));
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
