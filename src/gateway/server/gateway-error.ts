/**
 * A refusal or failure the gateway answers itself, in neutral terms; each wire format
 * (openai/, anthropic/) renders it in its provider's usual error shape.
 */
export type GatewayErrorKind =
  | 'authentication' // 401: no key, unknown key
  | 'permission' // 403: grant revoked, suspended, expired
  | 'not_found' // 404: model not in the grant, unknown route
  | 'invalid_request' // 400: malformed JSON, denied or unsupported parameter
  | 'too_large' // 413
  | 'rate_limit' // 429
  | 'upstream' // 502: the model behind the gateway failed
  | 'timeout' // 504
  | 'server'; // 500

const STATUS: Record<GatewayErrorKind, number> = {
  authentication: 401,
  permission: 403,
  not_found: 404,
  invalid_request: 400,
  too_large: 413,
  rate_limit: 429,
  upstream: 502,
  timeout: 504,
  server: 500,
};

export class GatewayError extends Error {
  readonly status: number;
  constructor(
    readonly kind: GatewayErrorKind,
    /** Short machine-readable reason, e.g. `grant_revoked`, `parameter_not_allowed`. */
    readonly code: string,
    message: string,
    readonly extra: {
      param?: string;
      retryAfterS?: number;
      status?: number;
      /** A refusal for what the grant forbids (the monitor counts these as forbidden attempts). */
      forbidden?: boolean;
    } = {},
  ) {
    super(message);
    this.status = extra.status ?? STATUS[kind];
  }
}
