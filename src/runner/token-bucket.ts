/** Time as the scheduler sees it; tests pass a fake one so rate limits run instantly. */
export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Resolves after `ms`, or early (without error) when `wake` is aborted. */
  sleep(ms: number, wake?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, wake) =>
    new Promise<void>((resolve) => {
      if (wake?.aborted) return resolve();
      const onWake = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        wake?.removeEventListener('abort', onWake);
        resolve();
      }, ms);
      wake?.addEventListener('abort', onWake, { once: true });
    }),
};

/**
 * A token bucket refilling continuously at `capacity` per minute (so rpm 60 = one per second,
 * with bursts of up to 60). The balance may go negative: that is debt from a call that used
 * more than it reserved, and later callers wait for it to be repaid.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly perMs: number;

  constructor(
    readonly capacity: number,
    private readonly clock: Clock,
  ) {
    this.tokens = capacity;
    this.last = clock.now();
    this.perMs = capacity / 60_000;
  }

  get available(): number {
    this.refill();
    return this.tokens;
  }

  /**
   * Milliseconds until `cost` can be taken (0 = now). A cost above capacity only needs a full
   * bucket, so one oversized request waits for it instead of waiting forever.
   */
  msUntil(cost: number): number {
    this.refill();
    const missing = Math.min(cost, this.capacity) - this.tokens;
    return missing <= 0 ? 0 : Math.max(1, Math.ceil(missing / this.perMs));
  }

  take(cost: number): void {
    this.refill();
    this.tokens -= cost;
  }

  /** Gives back (delta > 0) or charges (delta < 0) tokens once real usage is known. */
  adjust(delta: number): void {
    this.refill();
    this.tokens = Math.min(this.capacity, this.tokens + delta);
  }

  private refill(): void {
    const now = this.clock.now();
    if (now > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.perMs);
      this.last = now;
    }
  }
}

/** A first-in first-out queue with O(1) push and shift (Array#shift is O(n)). */
export class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  peek(): T | undefined {
    return this.items[this.head];
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    // Drop the consumed prefix once it is most of the array: amortised O(1), bounded memory.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

interface Waiter {
  tokens: number;
  resolve: () => void;
}

/**
 * Admits calls against an optional requests-per-minute bucket and an optional tokens-per-minute
 * bucket, first come first served: a large request at the head is not starved by small ones
 * behind it. One loop sleeps for the head's wait; no timer per waiting call.
 */
export class RateGate {
  private readonly waiting = new Fifo<Waiter>();
  private pumping = false;
  private wake?: AbortController;

  constructor(
    private readonly clock: Clock,
    readonly rpm?: TokenBucket,
    readonly tpm?: TokenBucket,
  ) {}

  /** Resolves when one request costing `tokens` may start; undefined when it may start now. */
  acquire(tokens: number): Promise<void> | undefined {
    if (this.waiting.size === 0 && this.msUntil(tokens) === 0) {
      this.take(tokens);
      return undefined;
    }
    return new Promise<void>((resolve) => {
      this.waiting.push({ tokens, resolve });
      void this.pump();
    });
  }

  /** Settles a call's token reservation with its real usage: refund or debt. */
  settle(reserved: number, used: number): void {
    if (!this.tpm || reserved === used) return;
    this.tpm.adjust(reserved - used);
    // A refund may let the head go before its computed wait ends.
    if (used < reserved) this.wake?.abort();
  }

  get queued(): number {
    return this.waiting.size;
  }

  private msUntil(tokens: number): number {
    const a = this.rpm ? this.rpm.msUntil(1) : 0;
    const b = this.tpm ? this.tpm.msUntil(tokens) : 0;
    return Math.max(a, b);
  }

  private take(tokens: number): void {
    this.rpm?.take(1);
    this.tpm?.take(tokens);
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let head = this.waiting.peek(); head; head = this.waiting.peek()) {
        const wait = this.msUntil(head.tokens);
        if (wait === 0) {
          this.take(head.tokens);
          this.waiting.shift();
          head.resolve();
          continue;
        }
        this.wake = new AbortController();
        await this.clock.sleep(wait, this.wake.signal);
        this.wake = undefined;
      }
    } finally {
      this.pumping = false;
    }
  }
}
