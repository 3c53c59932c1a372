import type { Clock } from '../token-bucket.js';

/**
 * TEST DOUBLE: a clock whose `now` is set by hand; each sleep records its length, resolves on the
 * next turn of the event loop and advances `now` by it (unless woken early through the signal).
 */
export function fakeClock(): Clock & { t: number; sleeps: number[] } {
  const clock = {
    t: 0,
    sleeps: [] as number[],
    now: () => clock.t,
    sleep(ms: number, wake?: AbortSignal) {
      clock.sleeps.push(ms);
      const start = clock.t;
      return new Promise<void>((resolve) =>
        setImmediate(() => {
          if (!wake?.aborted) clock.t = Math.max(clock.t, start + ms);
          resolve();
        }),
      );
    },
  };
  return clock;
}
