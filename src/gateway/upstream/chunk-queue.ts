/**
 * A stream's chunks between the connection that reads them and the one loop that passes them on
 * (`for await`): a plain queue with one waiting reader. A node Readable did the same with more
 * machinery per chunk (events, nextTick, its own async iterator), on the time-to-first-token path.
 * Backpressure: `onFull` when more than `highWater` bytes wait, `onDrained` once they are taken.
 */
export class ChunkQueue implements AsyncIterableIterator<Buffer> {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;
  private ended = false;
  private failure: Error | null = null;
  private full = false;
  private reader: { resolve(r: IteratorResult<Buffer>): void; reject(e: Error): void } | null = null;

  constructor(
    private readonly flow: { highWater?: number; onFull?(): void; onDrained?(): void; onStop?(): void } = {},
  ) {}

  push(chunk: Buffer): void {
    if (this.ended) return;
    if (this.reader) {
      const r = this.reader;
      this.reader = null;
      r.resolve({ value: chunk, done: false });
      return;
    }
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    if (!this.full && this.bytes > (this.flow.highWater ?? 64 * 1024)) {
      this.full = true;
      this.flow.onFull?.();
    }
  }

  /** No more chunks: the reader finishes once it has taken those queued. */
  end(): void {
    this.ended = true;
    this.settleReader();
  }

  /** The stream broke: the reader gets `err` after the chunks already queued. */
  fail(err: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.failure = err;
    this.settleReader();
  }

  next(): Promise<IteratorResult<Buffer>> {
    const chunk = this.chunks.shift();
    if (chunk) {
      this.bytes -= chunk.length;
      if (this.full && this.bytes === 0) {
        this.full = false;
        this.flow.onDrained?.();
      }
      return Promise.resolve({ value: chunk, done: false });
    }
    if (this.failure) return Promise.reject(this.failure);
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.reader = { resolve, reject };
    });
  }

  /** The reader stopped early (`break` in `for await`): nothing more is wanted. */
  return(): Promise<IteratorResult<Buffer>> {
    if (!this.ended) {
      this.ended = true;
      this.chunks.length = 0;
      this.flow.onStop?.();
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private settleReader(): void {
    const r = this.reader;
    if (!r) return;
    this.reader = null;
    if (this.failure) r.reject(this.failure);
    else r.resolve({ value: undefined, done: true });
  }
}
