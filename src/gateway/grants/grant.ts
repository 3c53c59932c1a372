/**
 * A grant: one lab's permission for another to call named models, with limits and terms.
 * The grantee holds one key; the gateway keeps only its SHA-256.
 */
export type GrantStatus = 'active' | 'suspended' | 'revoked';

/** A model the grant covers, with the variant label copied from gateway.yaml when granted. */
export interface GrantModel {
  name: string;
  variant?: string;
}

/** Quota limits; absent = unlimited. */
export interface GrantLimits {
  /** Requests per minute. */
  rpm?: number;
  /** Tokens (input + output) per minute. */
  tpm?: number;
  /** Tokens over the grant's whole life. */
  maxTokensTotal?: number;
  /** Requests in flight at once. */
  maxConcurrent?: number;
  /**
   * Output tokens one call may ask for (max_tokens); a call that sets none is sent upstream with
   * this cap (default: gateway.yaml's defaultMaxTokens), so its reservation bounds its spend.
   */
  maxTokensPerCall?: number;
}

/** What a request may ask for. */
export interface GrantPolicy {
  /** Request fields that must not be set, e.g. `logit_bias`. */
  deny: string[];
  /** Largest `top_logprobs` allowed; 0 also forbids `logprobs: true`. Absent = no cap. */
  maxLogprobs?: number;
  /** Largest OpenAI `n` (and vLLM `best_of`). Absent = no cap. */
  maxN?: number;
  /** Allow-list mode: only the fields the wire format's schema knows (and `allow`) pass; others get a 400. */
  allowList?: boolean;
  /** Extra fields an allow-list grant accepts (e.g. a vendor field the grantor agreed to). */
  allow?: string[];
}

export interface Grant {
  id: string;
  /** Who holds the key, e.g. "lab-b". */
  grantee: string;
  models: GrantModel[];
  status: GrantStatus;
  /** ISO 8601. */
  createdAt: string;
  expiresAt: string | null;
  purpose: string;
  /** Suites the grantee said it will run (terms; recorded, not enforced per request). */
  suites: string[];
  limits: GrantLimits;
  policy: GrantPolicy;
  /** What the extraction monitor does when a signal crosses its threshold (signal → action); unlisted signals only alert. */
  onSignal?: Record<string, 'alert' | 'throttle' | 'suspend'>;
  /** Requests the grantee declared it will send over the grant's life (the monitor's volume signal). */
  expectedRequests?: number;
  /** Tokens (input + output) it declared over the grant's life (volume and packing signals). */
  expectedTokens?: number;
  /** The grant allows asking for reasoning / thinking to be returned (the monitor's plan: reasoning allowed). */
  allowReasoning?: boolean;
  /** User turns after the first model answer are written at run time (a simulated user), not declared. */
  generatedTurns?: boolean;
  /** The prompts the grantee declared (kept in the store; this is what they are). */
  declaredPrompts?: DeclaredPromptsSummary;
  /** Per-grant monitor thresholds over the gateway's (threshold name → value; see the monitor README). */
  monitorThresholds?: Record<string, number>;
  /** Limits as they were before the monitor's first throttle; a resume puts them back. */
  limitsBeforeThrottle?: GrantLimits;
  /** Set when revoked or suspended. */
  statusReason?: string;
  statusChangedAt?: string;
}

/** Where a grant's declared prompts came from: each source with its prompt count. */
export interface DeclaredPromptsSummary {
  count: number;
  sources: { name: string; kind: 'texts' | 'fingerprints'; count: number }[];
  /** SHA-256 (hex) over the declared texts and fingerprints, as recorded in the audit log. */
  digest: string;
}

/** Usage settled so far (from upstream usage, or estimates where the upstream gave none). */
export interface UsageTotals {
  requests: number;
  inputTokens: number;
  outputTokens: number;
}

export const NO_USAGE: UsageTotals = { requests: 0, inputTokens: 0, outputTokens: 0 };

export function totalTokens(u: UsageTotals): number {
  return u.inputTokens + u.outputTokens;
}
