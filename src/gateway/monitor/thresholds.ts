/**
 * Default thresholds of the extraction monitor. Every number here is documented, with its
 * reason, in README.md; a grant's plan may override any of them.
 */
export interface MonitorThresholds {
  /** volume: alert when requests (or tokens) used exceed this multiple of the declared amount. */
  volumeRatio: number;
  /** pacing: alert when requests in the last 60 minutes exceed this multiple of maxRequestsPerHour. */
  pacingRatio: number;
  /** sustained_pacing: alert when traffic has run this many consecutive hours. */
  sustainedHours: number;
  /** sustained_pacing: an hour counts as active with at least this many requests. */
  sustainedMinRequestsPerHour: number;
  /** Containment (share of a suite prompt's 3-gram shingles in the request) that counts as a suite match. */
  suiteMatchContainment: number;
  /** off_suite_share: alert when this share of recent requests matches no declared suite prompt. */
  offSuiteShare: number;
  /** off_suite_share: the share is over the last this many requests. */
  offSuiteWindow: number;
  /** off_suite_share: no verdict before this many requests are in the window. */
  offSuiteMinRequests: number;
  /** diversity: alert when distinct prompt contents exceed this multiple of the reference size. */
  diversityRatio: number;
  /** diversity: and only once distinct contents exceed the reference by at least this many. */
  diversityMinExtra: number;
  /** template_sweep: alert when more than this many off-suite prompts share one template. */
  templateSweepPrompts: number;
  /** template_sweep: the varying slot is at most this many words. */
  templateMaxSlotWords: number;
  /** template_sweep: the fixed part of the template is at least this many characters. */
  templateMinChars: number;
  /** logprob_harvest: alert when this share of recent requests asks for logprobs. */
  logprobShare: number;
  /** multi_sample_harvest: alert when this share of recent requests asks for n > 1. */
  multiSampleShare: number;
  /** hidden_reasoning: alert when this share of recent requests asks for hidden reasoning. */
  hiddenReasoningShare: number;
  /** The three request-flag shares are over the last this many requests... */
  flagWindow: number;
  /** ...and give no verdict before this many (unless the plan forbids the flag: then any one). */
  flagMinRequests: number;
  /** A signal still above threshold alerts again after this long (ms). */
  cooldownMs: number;
  /** A signal re-arms once its value falls to this fraction of the threshold (hysteresis). */
  rearmFraction: number;
}

export const DEFAULT_THRESHOLDS: Readonly<MonitorThresholds> = Object.freeze({
  volumeRatio: 1.2,
  pacingRatio: 1.0,
  sustainedHours: 48,
  sustainedMinRequestsPerHour: 10,
  suiteMatchContainment: 0.6,
  offSuiteShare: 0.2,
  offSuiteWindow: 500,
  offSuiteMinRequests: 200,
  diversityRatio: 1.5,
  diversityMinExtra: 100,
  templateSweepPrompts: 100,
  templateMaxSlotWords: 12,
  templateMinChars: 20,
  logprobShare: 0.05,
  multiSampleShare: 0.05,
  hiddenReasoningShare: 0.01,
  flagWindow: 500,
  flagMinRequests: 100,
  cooldownMs: 24 * 3600_000,
  rearmFraction: 0.8,
});
