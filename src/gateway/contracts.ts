/**
 * Shared vocabulary of the exchange gateway, so its parts (server, grants, quotas, audit log,
 * extraction monitor) can be built and tested apart. See ../shared/DESIGN.md and issue 4.
 */

/** What kind of event an audit leaf records. */
export type AuditKind = 'request' | 'response' | 'grant_created' | 'grant_changed' | 'grant_revoked' | 'alert' | 'checkpoint_note';

/** One leaf of the append-only audit log. Bodies are never in a leaf: only salted hashes. */
export interface AuditEntry {
  kind: AuditKind;
  /** ISO 8601 time the gateway saw the event. */
  time: string;
  grantId?: string;
  /** Grantee's model name and the grant's label for it (e.g. "reduced-safeguards"). */
  model?: string;
  variant?: string;
  /** Ties a response leaf to its request leaf. */
  requestId?: string;
  /** hex SHA-256 of (salt || body); the salt and body live in separate body storage. */
  bodyHash?: string;
  /** Small structured facts: status, token counts, alert signal and value, revocation reason... */
  detail?: Record<string, unknown>;
}

/** Returned to the grantee on every response (header `x-crosscheck-receipt`). */
export interface AuditReceipt {
  /** 0-based leaf index in the log. */
  index: number;
  /** hex RFC 6962 leaf hash: SHA-256(0x00 || canonical JSON of the entry). */
  leafHash: string;
  /**
   * base64 Ed25519 signature by the log's key over the receipt (audit/receipt.ts): the gateway's
   * promise that this leaf is durably in its log at this index, which a grantee can show anyone.
   */
  signature?: string;
}

/** A call as the extraction monitor sees it (one per request that reached the upstream). */
export interface TrafficRecord {
  grantId: string;
  /** ms since epoch. */
  time: number;
  model: string;
  /** The prompt text as the grantee sent it (all user/system text concatenated). */
  prompt: string;
  /** Who holds the grant (signals that add up a grantee's grants use it). */
  grantee?: string;
  /** The prompt in parts: system / developer / instructions text, and the user turns in order. */
  system?: string;
  userTurns?: string[];
  /** How many userTurns come before the first assistant turn (later ones answer the model). */
  openingTurns?: number;
  /** Completions asked for (OpenAI `n`). */
  n: number;
  logprobs: boolean;
  topLogprobs: number;
  /** The request asked for hidden reasoning / thinking content to be returned. */
  reasoningRequested: boolean;
  inputTokens: number;
  outputTokens: number;
}

export type MonitorAction = 'alert' | 'throttle' | 'suspend';

/** A request turned away for what its grant forbids (it never reached the upstream). */
export interface RejectedCall {
  grantId: string;
  grantee?: string;
  /** ms since epoch. */
  time: number;
  /** The refusal's code, e.g. parameter_not_allowed, model_not_found. */
  code: string;
}

export interface MonitorAlert {
  /** The grant whose request crossed the threshold. */
  grantId: string;
  /** For signals kept per grantee: the grantee, and every grant of it the action applies to. */
  grantee?: string;
  grantIds?: string[];
  /** Signal name, e.g. "volume", "pacing", "off_suite_share", "diversity", "template_sweep", "logprob_harvest", "hidden_reasoning". */
  signal: string;
  value: number;
  threshold: number;
  message: string;
  /** What the grant's policy says to do about it. */
  action: MonitorAction;
}
