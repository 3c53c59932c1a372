/** How long to wait before retrying a failed model call. */
export interface BackoffOptions {
  /** Ceiling of the first retry's delay; it doubles with each retry. */
  baseMs: number;
  /** No delay is ever longer than this, including a server's Retry-After. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 60_000 };

/**
 * Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^retry)), so many
 * workers hit by the same outage spread out instead of retrying in lockstep. A server's
 * `retryAfterMs` is a floor (retrying sooner only earns another 429), but the cap still
 * applies so a bogus header cannot stall a run; raise `capMs` to honour longer waits.
 *
 * @param retry 0 for the first retry, 1 for the second...
 */
export function retryDelayMs(
  retry: number,
  retryAfterMs: number | undefined,
  opts: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** retry);
  const jittered = Math.floor(random() * ceiling);
  const floor = retryAfterMs !== undefined && retryAfterMs > 0 ? retryAfterMs : 0;
  return Math.min(opts.capMs, Math.max(floor, jittered));
}
