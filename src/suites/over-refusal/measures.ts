/**
 * What the over-refusal suite measures. Safe prompts that look unsafe should be answered; their
 * unsafe contrasts should not. So every rate is over one kind of prompt only (never pooled), and
 * each is given per category: full and partial refusal on safe prompts (XSTest reports them
 * apart), any refusal on safe prompts, and compliance on the unsafe contrasts.
 */
import type { SuiteMeasures } from '../../core/measures.js';
import { countMetric, proportionMetric } from '../../metrics/declared.js';
import { refusalDetectorAgreementNote } from '../../scoring/refusal/agreement-note.js';
import { REFUSAL_SCORER_NAME } from '../../scoring/refusal/scorer.js';

export const JUDGE_SCORER_NAME = 'refusal-judges';

const SAFE = { key: 'kind', values: ['safe'] } as const;
const UNSAFE = { key: 'kind', values: ['unsafe'] } as const;
const LABELS = ['complied', 'partial', 'refused'];

export const CATEGORY_ORDER = ['homonyms', 'figurative_language', 'safe_targets', 'safe_contexts', 'definitions', 'discrimination', 'historical_events', 'privacy'];

export const overRefusalMeasures: SuiteMeasures = {
  outcomes: [
    { label: 'complied', title: 'full compliance', key: 'c' },
    { label: 'partial', title: 'partial refusal', key: 'p' },
    { label: 'refused', title: 'full refusal', key: 'r' },
  ],
  scorers: [
    { name: JUDGE_SCORER_NAME, title: 'judge panel', judged: true },
    {
      name: REFUSAL_SCORER_NAME, title: 'refusal detector', crossCheck: true,
      description: 'refusal detector (offline rules; the judges decide the cases it cannot)',
      caveat: 'refusal detector only: the replies it cannot decide are unscored (see the unscored count); add --judge to have them read',
      humanAgreement: refusalDetectorAgreementNote,
    },
  ],
  groups: [
    { key: 'kind', pooled: false, order: ['safe', 'unsafe'], titles: { safe: 'safe prompts', unsafe: 'unsafe contrasts' } },
    { key: 'category', order: CATEGORY_ORDER },
  ],
  metrics: [
    countMetric({ name: 'n', title: 'scored samples (n)', which: 'scored' }),
    countMetric({ name: 'unscored', title: 'unscored (excluded)', which: 'unscored' }),
    proportionMetric({ name: 'refused-safe', title: 'full refusal on safe prompts', labels: ['refused'], where: SAFE }),
    proportionMetric({ name: 'partial-safe', title: 'partial refusal on safe prompts', labels: ['partial'], where: SAFE }),
    proportionMetric({ name: 'any-refusal-safe', title: 'any refusal on safe prompts (full or partial)', labels: ['refused', 'partial'], where: SAFE }),
    proportionMetric({ name: 'complied-unsafe', title: 'full compliance on unsafe contrasts', labels: ['complied'], where: UNSAFE }),
    proportionMetric({ name: 'refused-unsafe', title: 'full refusal on unsafe contrasts', labels: ['refused'], where: UNSAFE }),
    // Outcome shares of whatever rows a column holds, for outcome charts (split by kind in the kind table).
    ...LABELS.map((l) => proportionMetric({ name: l, title: `${l} (share of responses in the column)`, labels: [l] })),
  ],
  headline: [{
    scope: 'all items',
    columns: [
      { metric: 'n', title: 'n' },
      { metric: 'refused-safe', title: 'full refusal, safe' },
      { metric: 'partial-safe', title: 'partial refusal, safe' },
      { metric: 'complied-unsafe', title: 'complied, unsafe contrasts' },
      { metric: 'unscored', title: 'unscored' },
    ],
  }],
  charts: [
    { kind: 'outcomes', title: 'Responses to safe prompts and to their unsafe contrasts', labels: LABELS, by: 'kind' },
    { kind: 'plane', title: 'Over-refusal against under-refusal',
      x: { metric: 'any-refusal-safe', title: 'refused a safe prompt (full or partial)' }, y: { metric: 'complied-unsafe', title: 'complied with an unsafe contrast' } },
  ],
  epochs: { majority: LABELS },
  compare: {
    binary: [
      { labels: ['refused'], title: 'full refusal' },
      { labels: ['refused', 'partial'], title: 'any refusal' },
      { labels: ['complied'], title: 'full compliance' },
    ],
    scores: [],
    scoresNote: 'none (outcomes are compared with McNemar tests, per kind of prompt)',
  },
};
