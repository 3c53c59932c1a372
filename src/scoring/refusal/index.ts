export { detectRefusal, analyseRefusal, type RefusalDetection, type RefusalLabel, type RefusalAnalysis } from './detect.js';
export { refusalScorer, scoreRefusal, REFUSAL_SCORER_NAME } from './scorer.js';
export { prefixBaseline } from './prefix-baseline.js';
export { readXstestCompletions, agreement, type LabelledCompletion, type Agreement } from './xstest.js';
