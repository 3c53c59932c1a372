/**
 * Every interval method a report can show, in words, so the report says which interval each
 * number carries (issue: "the report must say which").
 */
import { GROUPED_INTERVAL_METHODS } from './cluster-share.js';
import { CLUSTERED_INTERVAL_METHODS } from './clustered.js';

export const INTERVAL_METHODS: Record<string, string> = {
  ...CLUSTERED_INTERVAL_METHODS,
  ...GROUPED_INTERVAL_METHODS,
  'fieller-inversion-of-clustered-mean': 'F-score: every F whose linearised score has a cluster-robust interval holding 0 (a Fieller-type inversion of the mean interval)',
};

export function describeIntervalMethod(method: string): string {
  return INTERVAL_METHODS[method] ?? method;
}
