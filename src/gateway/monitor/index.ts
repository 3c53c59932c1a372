/**
 * The gateway's extraction / distillation monitor: pure logic, no HTTP. See README.md for the
 * signals, their thresholds and why.
 */
export { ExtractionMonitor } from './monitor.js';
export type { ExtractionMonitorOptions, GrantSnapshot, SignalStatus } from './monitor.js';
export { resolvePlan, undeclaredPlan } from './plan.js';
export type { FlagPermission, GrantPlan, ResolvedPlan } from './plan.js';
export { DEFAULT_THRESHOLDS } from './thresholds.js';
export type { MonitorThresholds } from './thresholds.js';
export { SIGNALS, isCrossed } from './signals/signal.js';
export type { SignalName, SignalReading } from './signals/signal.js';
export { SuiteIndex } from './near-duplicate.js';
export type { SuiteIndexOptions, SuiteMatch } from './near-duplicate.js';
export { asksForHiddenReasoning, trafficFromAnthropicRequest, trafficFromOpenAIRequest } from './request-traffic.js';
export type { RequestTraffic } from './request-traffic.js';
