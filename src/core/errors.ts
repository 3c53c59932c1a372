/**
 * Errors a user can act on. The CLI prints `error: <message>` on one line and exits with
 * `exitCode`; anything else is a bug and may print a stack.
 */
export class CrosscheckError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Bad input: flags, suite names, model refs, files. */
export class UsageError extends CrosscheckError {}

/** Missing or invalid configuration, e.g. an API key that is not set. */
export class ConfigError extends CrosscheckError {}

/** Why a model call failed; the scheduler decides from `retryable` whether to try again. */
export type ProviderErrorKind =
  | 'rate_limit' // 429
  | 'server' // 5xx
  | 'timeout' // no answer within the request timeout
  | 'connection' // reset, refused, DNS
  | 'bad_response' // truncated or malformed body
  | 'client' // 4xx other than 429: our request is wrong; retrying will not help
  | 'auth'; // 401/403

export class ProviderError extends CrosscheckError {
  readonly kind: ProviderErrorKind;
  readonly status?: number;
  /** Server-requested wait (Retry-After / retry-after-ms), in milliseconds. */
  readonly retryAfterMs?: number;
  constructor(
    message: string,
    opts: { kind: ProviderErrorKind; status?: number; retryAfterMs?: number },
  ) {
    super(message, 2);
    this.kind = opts.kind;
    this.status = opts.status;
    this.retryAfterMs = opts.retryAfterMs;
  }
  get retryable(): boolean {
    return ['rate_limit', 'server', 'timeout', 'connection', 'bad_response'].includes(this.kind);
  }
}

/** The run was told to stop (Ctrl-C, SIGTERM, an AbortSignal): its finished samples are saved. */
export class RunInterrupted extends CrosscheckError {
  constructor(readonly why: string) {
    super(`interrupted (${why})`, 130);
  }
}
