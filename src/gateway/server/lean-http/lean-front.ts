import type http from 'node:http';
import type { Socket } from 'node:net';
import { LeanResponse } from './lean-response.js';
import { type RequestHead, pathOf, readRequestHead } from './request-head.js';

/**
 * The lean front: it takes a node:http server's connections first and answers the requests it
 * was asked to take (the gateway's model calls) itself, reading and writing the socket directly;
 * on the first request it does not take (another route, a body too large, anything unusual or
 * malformed: see readRequestHead), it hands the connection, with the bytes read so far, to
 * node:http, which keeps it from then on. node:http's server costs about 0.08 ms per request on
 * the benchmark machine (its request and response objects and streams), a fifth of what the
 * gateway adds to a call.
 */
export interface LeanRequest {
  method: string;
  /** The request-target as sent, and its path (without the query). */
  target: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface LeanFrontOptions {
  /** Whether the front answers this request itself. */
  takes(method: string, path: string): boolean;
  /** Answers a request the front took; must end `res` (or destroy it) in the end. */
  serve(req: LeanRequest, res: LeanResponse): void;
  /** Larger bodies are left to node:http (the gateway answers them 413 there). */
  maxBodyBytes: number;
  /** How often connections are checked for the server's idle and header timeouts. Default 5 s. */
  sweepEveryMs?: number;
}

/** node:http's default limit on a request head (its --max-http-header-size). */
const MAX_HEAD_BYTES = 16 * 1024;
const HEAD_END = Buffer.from('\r\n\r\n');

export class LeanFront {
  private readonly connections = new Set<LeanConnection>();
  private readonly nodeConnection: (socket: Socket) => void;
  private readonly sweeper: NodeJS.Timeout;
  closing = false;

  constructor(
    readonly server: http.Server,
    readonly options: LeanFrontOptions,
  ) {
    const listeners = server.listeners('connection');
    if (listeners.length !== 1) throw new Error('the lean front goes in front of a plain node:http server (one connection listener)');
    this.nodeConnection = listeners[0] as (socket: Socket) => void;
    server.removeListener('connection', this.nodeConnection);
    server.on('connection', (socket: Socket) => this.connections.add(new LeanConnection(this, socket)));
    this.sweeper = setInterval(() => this.sweep(), options.sweepEveryMs ?? 5000).unref();
  }

  /** Connections the front still holds (not handed to node:http). */
  get size(): number {
    return this.connections.size;
  }

  /** Gives a connection to node:http, `bytes` being what was read of it and not yet answered. */
  handOff(conn: LeanConnection, socket: Socket, bytes: Buffer | null): void {
    this.connections.delete(conn);
    socket.pause();
    if (bytes) socket.unshift(bytes);
    this.nodeConnection.call(this.server, socket);
    socket.resume();
  }

  forget(conn: LeanConnection): void {
    this.connections.delete(conn);
  }

  /** Stops keeping connections open after their current response; ends those that wait for none. */
  closeIdle(): void {
    this.closing = true;
    clearInterval(this.sweeper);
    for (const c of this.connections) c.endIfIdle();
  }

  /** Ends every connection the front holds, mid-response or not. */
  closeAll(): void {
    for (const c of this.connections) c.destroy();
  }

  private sweep(): void {
    const now = Date.now();
    for (const c of this.connections) c.expireIfIdle(now, this.server.keepAliveTimeout, this.server.headersTimeout);
  }
}

class LeanConnection {
  /** Bytes read and not yet answered: the start of the next request. */
  private buf: Buffer | null = null;
  /** The request whose body is still arriving. */
  private head: { head: RequestHead; path: string; bodyAt: number } | null = null;
  private res: LeanResponse | null = null;
  /** The client stopped sending: the connection is being ended, and no response keeps it open. */
  private ended = false;
  /** When the connection began waiting for a request, and when that request's first bytes came. */
  private idleSince = Date.now();
  private requestSince = 0;

  constructor(
    private readonly front: LeanFront,
    private readonly socket: Socket,
  ) {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('drain', this.onDrain);
    socket.on('close', this.onClose);
    socket.on('error', this.onError);
  }

  endIfIdle(): void {
    if (!this.res) this.socket.end();
  }

  destroy(): void {
    this.socket.destroy();
  }

  /** Ends a connection left waiting too long: for a request (keep-alive timeout) or for the rest of one (headers timeout). */
  expireIfIdle(now: number, keepAliveMs: number, headersMs: number): void {
    if (this.res) return;
    const late = this.buf ? headersMs > 0 && now - this.requestSince > headersMs : keepAliveMs > 0 && now - this.idleSince > keepAliveMs;
    if (late) this.socket.destroy();
  }

  private readonly onData = (data: Buffer): void => {
    if (!this.buf) this.requestSince = Date.now();
    this.buf = this.buf ? Buffer.concat([this.buf, data]) : data;
    if (!this.res) this.next();
    else if (this.buf.length > MAX_HEAD_BYTES + this.front.options.maxBodyBytes) this.socket.pause(); // a client racing ahead
  };

  // As node:http does (httpAllowHalfOpen off): a client that stops sending has gone, even mid-response.
  private readonly onEnd = (): void => {
    this.ended = true;
    this.socket.end();
  };

  private readonly onDrain = (): void => {
    this.res?.emitDrain();
  };

  private readonly onClose = (): void => {
    this.front.forget(this);
    this.res?.emitClose();
  };

  private readonly onError = (): void => undefined; // 'close' follows; a response in flight hears of it there

  /** Answers the next complete request in `buf`, or hands the connection on, or waits for more bytes. */
  private next(): void {
    const buf = this.buf;
    if (!buf || this.res) return;
    if (!this.head) {
      const end = buf.indexOf(HEAD_END);
      if (end < 0) {
        if (buf.length > MAX_HEAD_BYTES) this.handOff();
        return;
      }
      const head = end <= MAX_HEAD_BYTES ? readRequestHead(buf.toString('latin1', 0, end)) : null;
      const path = head ? pathOf(head.target) : '';
      if (!head || head.contentLength > this.front.options.maxBodyBytes || !this.front.options.takes(head.method, path)) return this.handOff();
      this.head = { head, path, bodyAt: end + 4 };
    }
    const { head, path, bodyAt } = this.head;
    const total = bodyAt + head.contentLength;
    if (buf.length < total) return;
    this.head = null;
    this.buf = buf.length === total ? null : buf.subarray(total);
    if (this.buf) this.requestSince = Date.now();
    const keepAlive = head.keepAlive && !this.ended && !this.front.closing;
    const res = new LeanResponse(this.socket, keepAlive, Math.floor(this.front.server.keepAliveTimeout / 1000), this.onResponseEnd);
    this.res = res;
    try {
      this.front.options.serve({ method: head.method, target: head.target, path, headers: head.headers, body: buf.subarray(bodyAt, total) }, res);
    } catch {
      this.socket.destroy();
    }
  }

  private readonly onResponseEnd = (res: LeanResponse): void => {
    if (this.res !== res) return;
    this.res = null;
    this.idleSince = Date.now();
    if (!res.reusable || this.front.closing) {
      this.socket.end();
      return;
    }
    if (this.socket.isPaused()) this.socket.resume();
    // A pipelined request already read: answered after this turn, not inside the last one's handler.
    if (this.buf) queueMicrotask(() => this.next());
  };

  private handOff(): void {
    for (const [event, fn] of [['data', this.onData], ['end', this.onEnd], ['drain', this.onDrain], ['close', this.onClose], ['error', this.onError]] as const) {
      this.socket.off(event, fn);
    }
    const bytes = this.buf;
    this.buf = null;
    this.front.handOff(this, this.socket, bytes);
  }
}
