/**
 * diversity: how many distinct prompt contents the grant has sent, against the size of what it
 * declared. An evaluation reuses a fixed item set (epochs and wrappers repeat it), so its count
 * stops at the declared size; a distillation sweep keeps finding new content and grows linearly.
 *
 * A request on plan counts as the declared prompt it carries (so wrappers, system prompts and
 * paraphrases around one item are one content); any other request counts as its normalised
 * text. Distinct contents are counted by a fixed-size sketch (≈ 4% error past 512).
 */
import { DistinctSketch } from '../distinct-sketch.js';
import { contentHash, unitHash } from '../text.js';
import type { ObservedRequest, SignalDetector, SignalReading } from './signal.js';

export class DiversitySignal implements SignalDetector {
  readonly signal = 'diversity' as const;
  private readonly sketch = new DistinctSketch(512);

  /**
   * @param reference the declared size: number of declared prompts, else expected requests
   * @param minExtra distinct contents must exceed the reference by this many before any verdict
   */
  constructor(
    private readonly reference: number | undefined,
    private readonly referenceName: string,
    private readonly threshold: number,
    private readonly minExtra: number,
  ) {}

  observe({ view }: ObservedRequest): void {
    this.sketch.addHash(view.plan === 'on' ? unitHash(`declared prompt ${view.matches[0].index}`) : contentHash(view.words));
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
      detail: ref ? `about ${distinct} distinct prompt contents against ${ref} ${this.referenceName}` : 'plan declares neither prompts nor expected requests',
    };
  }

  retained(): number {
    return this.sketch.size;
  }

  save(): number[] {
    return this.sketch.save();
  }

  load(state: unknown): void {
    this.sketch.load(state as number[]);
  }
}
