import type { IncomingHttpHeaders } from 'node:http';

/** What answering a model call uses of a response (node:http's ServerResponse has it): a narrow seam for tests. */
export interface Reply {
  readonly headersSent: boolean;
  readonly destroyed: boolean;
  readonly writableFinished: boolean;
  readonly socket: { readonly destroyed: boolean; readonly writableCorked: number; uncork(): void } | null;
  writeHead(status: number, headers: Record<string, string>): unknown;
  /** False: wait for 'drain' before writing more. */
  write(chunk: Buffer | string): boolean;
  end(chunk?: Buffer | string): unknown;
  destroy(): unknown;
  /** 'close': the response ended or its connection went away; 'drain': it can take more bytes. */
  on(event: 'close' | 'drain', listener: () => void): unknown;
  off(event: 'close' | 'drain', listener: () => void): unknown;
}

/** What a model call uses of its request: the headers, and the body read up to a limit. */
export interface CallRequest {
  headers: IncomingHttpHeaders;
  /** Rejects with a GatewayError (413) past `limit` bytes. */
  body(limit: number): Promise<Buffer>;
}
