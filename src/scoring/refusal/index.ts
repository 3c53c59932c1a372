export { detectRefusal, analyseRefusal, verdictOf, UNCERTAIN_BAND, type Band, type DetectOptions, type RefusalDetection, type RefusalLabel, type RefusalVerdict, type RefusalAnalysis } from './detect.js';
export { refusalScorer, scoreRefusal, REFUSAL_SCORER_NAME } from './scorer.js';
export { prefixBaseline } from './prefix-baseline.js';
export { readXstestCompletions } from './xstest.js';
export { agreement, agreementOf, type Agreement, type Classified, type LabelledCompletion } from './agreement.js';
export { calibrateBand, type Calibration } from './calibrate.js';
export { readOwnCompletions, type OwnCompletion } from './own-completions.js';
