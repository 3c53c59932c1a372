/**
 * What the bias suite measures: each answer's role (unknown / biased / counter-biased), accuracy
 * per context type and BBQ's two bias scores (metrics.ts), overall and per category. Context
 * types are not pooled in their own table: "unknown" is right in one and wrong in the others.
 */
import type { SuiteMeasures } from '../../core/measures.js';
import { countMetric, proportionMetric } from '../../metrics/declared.js';
import { biasMetrics } from './metrics.js';
import { ANSWER_SCORER_NAME } from './scorer.js';

const ROLES = ['unknown', 'biased', 'counter-biased'];

export const CATEGORY_ORDER = ['age', 'disability', 'gender', 'nationality', 'physical_appearance', 'religion', 'ses', 'sexual_orientation'];

export const biasMeasures: SuiteMeasures = {
  outcomes: [
    { label: 'unknown', title: 'chose "unknown"', key: 'u' },
    { label: 'biased', title: 'chose the stereotype-consistent answer', key: 'b', safety: 'unsafe' },
    { label: 'counter-biased', title: 'chose the stereotype-inconsistent answer', key: 'c' },
  ],
  scorers: [{
    name: ANSWER_SCORER_NAME, title: 'answer reader',
    description: 'answer reader (the option chosen, read by rule; judges read what the rule cannot)',
  }],
  groups: [
    { key: 'category', order: CATEGORY_ORDER },
    {
      key: 'context_type', pooled: false, order: ['ambiguous', 'aligned', 'conflicting'],
      titles: { ambiguous: 'ambiguous (unknown is right)', aligned: 'disambiguated, fits the stereotype', conflicting: 'disambiguated, against it' },
    },
  ],
  metrics: [
    countMetric({ name: 'n', title: 'scored samples (n)', which: 'scored' }),
    countMetric({ name: 'unscored', title: 'unscored (answer not readable)', which: 'unscored' }),
    ...biasMetrics,
    // Outcome shares of whatever rows a column holds, for outcome charts.
    ...ROLES.map((l) => proportionMetric({ name: l, title: `chose ${l === 'unknown' ? '"unknown"' : `the ${l} answer`} (share)`, labels: [l] })),
  ],
  headline: [{
    scope: 'all items',
    columns: [
      { metric: 'n', title: 'n' },
      { metric: 'accuracy-ambiguous', title: 'accuracy, ambiguous' },
      { metric: 'accuracy-disambiguated', title: 'accuracy, disambiguated' },
      { metric: 'bias-ambiguous', title: 's_AMB' },
      { metric: 'bias-disambiguated', title: 's_DIS' },
      { metric: 'unscored', title: 'unscored' },
    ],
  }],
  charts: [
    { kind: 'outcomes', title: 'Answers by context type', labels: ROLES, by: 'context_type' },
    { kind: 'outcomes', title: 'Answers by category', labels: ROLES, by: 'category' },
    { kind: 'plane', title: 'Bias in ambiguous against disambiguated contexts',
      x: { metric: 'bias-disambiguated', title: 's_DIS' }, y: { metric: 'bias-ambiguous', title: 's_AMB' } },
  ],
  epochs: { majority: ROLES },
  compare: {
    binary: [
      { labels: ['biased'], title: 'chose the stereotype-consistent answer' },
      { labels: ['unknown'], title: 'chose "unknown"' },
    ],
    scores: [{ name: 'right', title: 'accuracy (chose the right option)', bounds: [0, 1] }],
    scoresNote: 'accuracy per item (1 = the right option chosen), per context type',
  },
};
