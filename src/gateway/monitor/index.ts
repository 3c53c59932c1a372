/**
 * The gateway's extraction / distillation monitor: pure logic, no HTTP (gateway-monitor.ts wires
 * it to the gateway's store). See README.md for the signals, their thresholds and why.
 */
export { ExtractionMonitor } from './monitor.js';
export type { ExtractionMonitorOptions, GrantSnapshot, SignalStatus } from './monitor.js';
export type { MonitorEvent, TrafficCounts } from './monitor-state.js';
export { resolvePlan, undeclaredPlan } from './plan.js';
export type { FlagPermission, GrantPlan, ResolvedPlan } from './plan.js';
export { DEFAULT_THRESHOLDS } from './thresholds.js';
export type { MonitorThresholds } from './thresholds.js';
export { GRANTEE_SIGNALS, SIGNALS, isCrossed } from './signals/signal.js';
export type { SignalName, SignalReading } from './signals/signal.js';
export { DeclaredIndex } from './declared-index.js';
export type { DeclaredIndexOptions, DeclaredMatch } from './declared-index.js';
export { FINGERPRINT_FORMAT, checkFingerprintFile, fingerprint, fingerprintFile } from './fingerprint.js';
export type { FingerprintFile, PromptFingerprint } from './fingerprint.js';
export { asksForHiddenReasoning, trafficFromAnthropicRequest, trafficFromOpenAIRequest } from './request-traffic.js';
export type { RequestTraffic } from './request-traffic.js';
