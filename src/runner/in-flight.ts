/**
 * The model calls one target's samples have in flight (its own, its judges', its simulated
 * user's), with when each started: the progress display shows how many there are and how long
 * the oldest has waited, so a hung upstream shows as waiting rather than as nothing.
 */
export class InFlightCalls {
  private next = 0;
  // A Map keeps insertion order, so its first entry is always the oldest call still running.
  private readonly started = new Map<number, number>();

  constructor(private readonly now: () => number = Date.now) {}

  start(): number {
    const id = this.next++;
    this.started.set(id, this.now());
    return id;
  }

  end(id: number): void {
    this.started.delete(id);
  }

  get count(): number {
    return this.started.size;
  }

  /** How long the oldest call still running has waited, in ms (0 with none). */
  oldestWaitMs(): number {
    const first = this.started.values().next();
    return first.done ? 0 : Math.max(0, this.now() - first.value);
  }
}
