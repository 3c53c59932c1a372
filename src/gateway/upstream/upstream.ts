import type { IncomingHttpHeaders } from 'node:http';
import type { CallFeatures } from '../grants/policy.js';
import type { GatewayError } from '../server/gateway-error.js';
import type { ReportedUsage } from '../server/wire.js';

export interface UpstreamCall {
  /** The grantee's parsed request body (already checked against the grant). */
  body: Record<string, unknown>;
  features: CallFeatures;
  headers: IncomingHttpHeaders;
  requestId: string;
}

export type UpstreamReply =
  /** A whole body: JSON success or the upstream's own error, with its status. */
  | { kind: 'complete'; status: number; contentType: string; body: Buffer; usage: ReportedUsage | null; headers: Record<string, string> }
  /** Server-sent events, passed to the grantee chunk by chunk as they come. */
  | {
      kind: 'stream';
      contentType: string;
      chunks: AsyncIterable<Buffer> | Iterable<Buffer>;
      /** Stops the upstream (the grantee went away, a limit was reached, the grant was revoked); `why` ends the chunks. */
      cancel(why?: GatewayError): void;
      /** Known when the whole reply was produced before streaming (the Provider path). */
      usage?: ReportedUsage;
    };

/** One model as reached in one wire format. */
export interface Upstream {
  /** How it is reached, for audit entries: `passthrough` or `provider`. */
  readonly mode: 'passthrough' | 'provider';
  /** Rejects (with a GatewayError) what this path cannot serve, before any quota is taken. */
  check?(body: Record<string, unknown>): void;
  /** Throws a GatewayError when the upstream cannot be reached or fails before replying. */
  call(call: UpstreamCall): Promise<UpstreamReply>;
  close?(): Promise<void>;
}
