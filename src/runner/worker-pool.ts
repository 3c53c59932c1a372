/**
 * Runs `work` on items pulled from one shared iterator by `concurrency` workers. Items are
 * pulled lazily, so memory stays flat however many there are. Stops pulling once `shouldStop`
 * says so; the first thrown error stops the pool and is rethrown after in-flight work settles.
 */
export async function runPool<T>(
  items: Iterator<T>,
  concurrency: number,
  work: (item: T) => Promise<void>,
  shouldStop: () => boolean = () => false,
): Promise<void> {
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && !shouldStop()) {
      const next = items.next();
      if (next.done) return;
      try {
        await work(next.value);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  if (failure !== undefined) throw failure;
}
