/**
 * The last `capacity` observations, each a yes/no with a weight (a request and its tokens), with
 * running totals: the share of yeses by count and by weight in O(1) per push and fixed memory.
 * Generalises BitWindow for shares that must not be fooled by packing many tasks into few
 * requests.
 */
import { pack, unpackInto } from './persist.js';

export interface WeightedWindowState {
  next: number;
  filled: number;
  yes: string;
  weight: string;
}

export class WeightedWindow {
  private readonly yes: Uint8Array;
  private readonly weight: Float64Array;
  private next = 0;
  private filled = 0;
  private yesCount = 0;
  private totalWeight = 0;
  private yesWeight = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.yes = new Uint8Array(capacity);
    this.weight = new Float64Array(capacity);
  }

  push(value: boolean, weight = 1): void {
    const i = this.next;
    if (this.filled === this.capacity) this.forget(i);
    else this.filled++;
    this.yes[i] = value ? 1 : 0;
    this.weight[i] = Math.max(0, weight);
    this.yesCount += this.yes[i];
    this.totalWeight += this.weight[i];
    if (value) this.yesWeight += this.weight[i];
    this.next = (i + 1) % this.capacity;
  }

  private forget(i: number): void {
    this.yesCount -= this.yes[i];
    this.totalWeight -= this.weight[i];
    if (this.yes[i]) this.yesWeight -= this.weight[i];
  }

  get count(): number {
    return this.filled;
  }

  get yeses(): number {
    return this.yesCount;
  }

  get weightSum(): number {
    return this.totalWeight;
  }

  /** Share of yeses among held observations; 0 when empty. */
  get share(): number {
    return this.filled === 0 ? 0 : this.yesCount / this.filled;
  }

  /** Share of the held weight that belongs to yeses; 0 when there is no weight. */
  get weightShare(): number {
    return this.totalWeight <= 0 ? 0 : Math.min(1, Math.max(0, this.yesWeight / this.totalWeight));
  }

  save(): WeightedWindowState {
    return { next: this.next, filled: this.filled, yes: pack(this.yes), weight: pack(this.weight) };
  }

  load(s: WeightedWindowState): void {
    this.next = s.next;
    this.filled = s.filled;
    unpackInto(this.yes, s.yes);
    unpackInto(this.weight, s.weight);
    this.yesCount = 0;
    this.totalWeight = 0;
    this.yesWeight = 0;
    for (let i = 0; i < this.filled; i++) {
      this.yesCount += this.yes[i];
      this.totalWeight += this.weight[i];
      if (this.yes[i]) this.yesWeight += this.weight[i];
    }
  }
}

/** A signal read from one WeightedWindow: its memory, saving and loading are the window's. */
export abstract class WindowedSignal {
  protected readonly window: WeightedWindow;

  constructor(windowSize: number) {
    this.window = new WeightedWindow(windowSize);
  }

  retained(): number {
    return this.window.capacity;
  }

  save(): WeightedWindowState {
    return this.window.save();
  }

  load(state: unknown): void {
    this.window.load(state as WeightedWindowState);
  }
}
