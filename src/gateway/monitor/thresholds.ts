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
  /** Containment (share of a declared prompt's 3-gram shingles in the request) that counts as carrying it. */
  suiteMatchContainment: number;
  /** IDF-weighted share of a declared prompt's content words in the request that counts as carrying it (paraphrases). */
  wordMatchContainment: number;
  /** A request carrying a declared prompt is off plan when it also carries this many other content words. */
  piggybackMinWords: number;
  /** Rewording allowed inside a carried prompt, as a share of its content words, before it counts as other content. */
  paraphraseAllowance: number;
  /** A word in at least this share of a grant's recent requests is its frame (wrapper), not content... */
  frameShare: number;
  /** ...once it was in at least this many of them. */
  frameMinRequests: number;
  /** off_suite_share: alert when this share of recent requests matches no declared suite prompt. */
  offSuiteShare: number;
  /** off_suite_share: the share is over the last this many requests. */
  offSuiteWindow: number;
  /** off_suite_share: no verdict before this many requests are in the window... */
  offSuiteMinRequests: number;
  /** ...or this many tokens (packed requests carry many tasks each). */
  offSuiteMinTokens: number;
  /** diversity: alert when distinct prompt contents exceed this multiple of the reference size. */
  diversityRatio: number;
  /** diversity: and only once distinct contents exceed the reference by at least this many. */
  diversityMinExtra: number;
  /** template_sweep: alert when more than this many of a grantee's texts share one template. */
  templateSweepPrompts: number;
  /** template_sweep: the varying slot is at most this many words. */
  templateMaxSlotWords: number;
  /** template_sweep: the fixed part of the template is at least this many characters. */
  templateMinChars: number;
  /** template_sweep: words at either end that may differ without breaking a template (random prefixes). */
  templateJunkWords: number;
  /** template_sweep: texts a new one is compared with (its near neighbours are found among them). */
  templateWindow: number;
  /** packing: alert when tokens per request exceed this multiple of the plan's budget per request... */
  packingRatio: number;
  /** ...averaged over the last this many requests... */
  packingWindow: number;
  /** ...once at least this many are in the window. */
  packingMinRequests: number;
  /** off_plan_volume: a grantee's off-plan requests in the last 24 hours... */
  offPlanDailyRequests: number;
  /** ...and tokens... */
  offPlanDailyTokens: number;
  /** ...and its off-plan requests over all time... */
  offPlanTotalRequests: number;
  /** ...and tokens; the signal crosses when any of the four is passed. */
  offPlanTotalTokens: number;
  /** forbidden_attempts: alert when a grantee's requests refused for what its grants forbid exceed this many in 24 hours. */
  forbiddenAttempts: number;
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
  wordMatchContainment: 0.7,
  piggybackMinWords: 3,
  paraphraseAllowance: 0.5,
  frameShare: 0.05,
  frameMinRequests: 5,
  offSuiteShare: 0.2,
  offSuiteWindow: 500,
  offSuiteMinRequests: 200,
  offSuiteMinTokens: 100_000,
  diversityRatio: 1.5,
  diversityMinExtra: 100,
  templateSweepPrompts: 100,
  templateMaxSlotWords: 12,
  templateMinChars: 12,
  templateJunkWords: 4,
  templateWindow: 1024,
  packingRatio: 3,
  packingWindow: 200,
  packingMinRequests: 20,
  offPlanDailyRequests: 300,
  offPlanDailyTokens: 300_000,
  offPlanTotalRequests: 1_000,
  offPlanTotalTokens: 1_000_000,
  forbiddenAttempts: 20,
  logprobShare: 0.05,
  multiSampleShare: 0.05,
  hiddenReasoningShare: 0.01,
  flagWindow: 500,
  flagMinRequests: 100,
  cooldownMs: 24 * 3600_000,
  rearmFraction: 0.8,
});
