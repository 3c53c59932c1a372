import type { SuiteMeasures } from '../core/measures.js';
import type { Suite, SuiteOptions } from '../core/suite.js';

export interface SuiteLoadOptions extends SuiteOptions {
  /** The run has judges: scorers that need them are included. */
  judged: boolean;
}

/**
 * A suite as a plug-in: how to load its samples, and what it measures. The runner, store,
 * reports, compare, review and export work from this and know no suite by name; adding a suite
 * is one folder plus one line in src/suites/index.ts (or a folder with a suite.yaml, no code).
 */
export interface SuitePlugin {
  name: string;
  description: string;
  load(opts: SuiteLoadOptions): Suite;
  /** What the suite measures; needs no items, so reports work from the store alone. */
  measures: SuiteMeasures;
  /** Lines that tell a human reviewer what a right answer is, from a sample's metadata and target. */
  reviewGuide?(metadata: Record<string, unknown>, target: readonly string[]): string[];
  /**
   * The same suite on other items (an imported public dataset, a lab's own items): a suite.yaml
   * with `base: NAME` and an items file runs this. Items are checked here, each mistake a
   * `Mistake` with its line; the returned plug-in keeps this one's solver, scorers and measures.
   */
  withItems?(items: readonly ItemRecord[], meta: { name: string; description: string; file: string }): SuitePlugin;
}

/** One item as read from a JSONL or CSV file: its fields and its line (for error messages). */
export interface ItemRecord {
  fields: Record<string, unknown>;
  line: number;
}
