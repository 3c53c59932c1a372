/**
 * diversity: how many distinct prompt contents the grant has sent, against the size of what it
 * declared. An evaluation reuses a fixed item set (epochs and wrappers repeat it), so its count
 * stops at the suite size; a distillation sweep keeps finding new content and grows linearly.
 *
 * A prompt that matches a suite prompt counts as that suite prompt (so several wrappers or
 * system prompts around one question are one content); any other prompt counts as its
 * normalised text. Distinct contents are counted by a fixed-size sketch (≈ 4% error past 512).
 */
import { DistinctSketch } from '../distinct-sketch.js';
import { contentHash, unitHash } from '../text.js';
import type { ObservedRequest, SignalDetector, SignalReading } from './signal.js';

export class DiversitySignal implements SignalDetector {
  readonly signal = 'diversity' as const;
  private readonly sketch = new DistinctSketch(512);

  /**
   * @param reference the declared size: number of suite prompts, else expected requests
   * @param minExtra distinct contents must exceed the reference by this many before any verdict
   */
  constructor(
    private readonly reference: number | undefined,
    private readonly referenceName: string,
    private readonly threshold: number,
    private readonly minExtra: number,
  ) {}

  observe({ tokens, suite }: ObservedRequest): void {
    this.sketch.addHash(suite.matched ? unitHash(`suite prompt ${suite.index}`) : contentHash(tokens.hashes));
  }

  read(): SignalReading {
    const distinct = this.sketch.estimate();
    const ref = this.reference;
    return {
      signal: this.signal,
      value: ref ? distinct / ref : 0,
      threshold: this.threshold,
      enabled: ref !== undefined && ref > 0,
      ready: ref !== undefined && distinct >= ref + this.minExtra,
      detail: ref ? `about ${distinct} distinct prompt contents against ${ref} ${this.referenceName}` : 'plan declares neither suite prompts nor expected requests',
    };
  }

  retained(): number {
    return this.sketch.size;
  }
}
