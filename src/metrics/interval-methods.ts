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
  'wilson-design-effect-t by scenario': 'Wilson score interval on n / design effect, t quantile with (scenarios − 1) df; the items of one scenario (and their epochs) clustered (CR1); a bias score 2p − 1 maps the interval of p',
  'cluster-robust-t-floored by scenario': 'mean ± t(scenarios − 1)·cluster-robust SE (CR1), each side at least the zero-event Wilson bound on unseen values; the items of one scenario (and their epochs) clustered',
};

export function describeIntervalMethod(method: string): string {
  return INTERVAL_METHODS[method] ?? method;
}
