/**
 * Crosscheck as a library: `import { runSuite, renderMarkdown } from 'crosscheck'`.
 *
 * What the command line does, callable from your own TypeScript or JavaScript (ESM, Node 20+):
 * - run a suite on models and get its report: `runSuite` (or `startRun` / `resumeRun` /
 *   `rescoreRun` on a store you keep open), then `renderMarkdown` / `renderJson`;
 * - read stored runs: `SqliteStore`, `buildReport`, `buildCompareReport`;
 * - serve the exchange gateway: `loadGatewayConfig` + `startGateway`;
 * - tell refusals from answers: `detectRefusal`;
 * - the statistics behind every number: Wilson and clustered intervals, bootstrap, McNemar,
 *   Holm, Cohen's / Fleiss' kappa, Krippendorff's alpha.
 * The README's "Crosscheck as a library" section shows each in use.
 */

// Running suites
export { runSuite, runConfigOf, type RunSuiteOptions, type SuiteRun, type ModelInput } from './library/run-suite.js';
export { startRun, resumeRun, rescoreRun, type RunHooks, type RunOutcome } from './runner/run.js';
export type { ModelProgress } from './runner/progress.js';
export type { GradingCheck } from './runner/grading-check.js';
export { allSuites, suitePlugin, registerSuite } from './suites/index.js';
export type { SuitePlugin } from './suites/plugin.js';
export type { ModelSpec, RunConfig, RunRecord, RunStatus } from './core/run-record.js';
export type { GenerateParams } from './core/generation.js';
export type { PanelOptions } from './core/suite.js';
export { CrosscheckError, UsageError, ConfigError, ProviderError } from './core/errors.js';
export { CROSSCHECK_VERSION } from './core/version.js';

// Stored runs and reports
export { SqliteStore, DEFAULT_STORE_PATH } from './store/sqlite-store.js';
export type { RunStore } from './store/run-store.js';
export type { FailureCount } from './store/records.js';
export { buildReport, type RunReport, type ModelReport } from './report/build-report.js';
export { renderMarkdown, renderSummary } from './report/markdown.js';
export { renderJson } from './report/renderers/json.js';
export { buildCompareReport } from './report/build-compare.js';

// The exchange gateway
export { startGateway, type StartGatewayOptions, type RunningGateway } from './gateway/start-gateway.js';
export { loadGatewayConfig, parseGatewayConfig, type GatewayConfig } from './gateway/config.js';

// The refusal detector
export { detectRefusal, analyseRefusal, type RefusalDetection, type RefusalLabel, type DetectOptions } from './scoring/refusal/index.js';

// Statistics
export { wilson, type Proportion, type IntervalOptions } from './metrics/proportion.js';
export { clusteredProportion, clusteredMean, type ClusteredInterval, type ClusteredValue } from './metrics/clustered.js';
export { bootstrapInterval, type BootstrapInterval, type BootstrapOptions } from './metrics/bootstrap.js';
export { pairedBootstrap } from './metrics/paired-bootstrap.js';
export { mcnemarExact, mcnemarFromPairs, type McNemarResult } from './metrics/mcnemar.js';
export { holm, type HolmResult } from './metrics/holm.js';
export { cohenKappa, type CohenKappa } from './metrics/cohen-kappa.js';
export { fleissKappa, fleissKappaFromRatings, type FleissKappa } from './metrics/fleiss-kappa.js';
export { krippendorffAlpha, type KrippendorffAlpha } from './metrics/krippendorff-alpha.js';
