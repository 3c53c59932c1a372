/**
 * The last `capacity` yes/no observations with a running count of yeses: O(1) per push,
 * fixed memory (one byte per slot), so a share over "the last N requests" costs nothing.
 */
export class BitWindow {
  private readonly bits: Uint8Array;
  private next = 0;
  private filled = 0;
  private yes = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.bits = new Uint8Array(capacity);
  }

  push(value: boolean): void {
    if (this.filled === this.capacity) this.yes -= this.bits[this.next];
    else this.filled++;
    this.bits[this.next] = value ? 1 : 0;
    this.yes += this.bits[this.next];
    this.next = (this.next + 1) % this.capacity;
  }

  /** Observations currently held (≤ capacity). */
  get count(): number {
    return this.filled;
  }

  get yesCount(): number {
    return this.yes;
  }

  /** Share of yeses among held observations; 0 when empty. */
  get share(): number {
    return this.filled === 0 ? 0 : this.yes / this.filled;
  }
}
