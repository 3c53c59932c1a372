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
}
