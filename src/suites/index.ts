import { UsageError } from '../core/errors.js';
import type { Suite, SuiteOptions } from '../core/suite.js';
import { loadHallucinationSuite } from './hallucination/index.js';

export type SuiteLoader = (opts: SuiteOptions & { judged: boolean }) => Suite;

const suites: Record<string, SuiteLoader> = {
  hallucination: loadHallucinationSuite,
};

export const SUITE_NAMES = Object.keys(suites);

export function loadSuite(name: string, opts: SuiteOptions & { judged: boolean }): Suite {
  const load = suites[name];
  if (!load) throw new UsageError(`unknown suite "${name}": available suites are ${SUITE_NAMES.join(', ')}`);
  return load(opts);
}
