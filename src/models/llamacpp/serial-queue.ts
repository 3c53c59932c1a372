/**
 * Runs tasks one at a time, in arrival order: a llama.cpp context sequence can only run one
 * generation at a time. A task whose signal aborts while it waits leaves the queue at once.
 */
export class SerialQueue {
  // Never rejects: it only says when the queue is free again.
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const previous = this.tail;
    const result = waitUnlessAborted(previous, signal).then(task);
    // The next task waits for this one to settle, whether it succeeded or not.
    this.tail = Promise.allSettled([previous, result]);
    return result;
  }
}

function waitUnlessAborted(turn: Promise<unknown>, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    turn.then(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
