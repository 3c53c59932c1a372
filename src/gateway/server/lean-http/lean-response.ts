import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Reply } from '../reply.js';

/** Bodies up to this size go out with their head as one latin1 string (one write, no Buffer juggling). */
const ONE_STRING_MAX = 64 * 1024;
/** node:http refuses these in a header too (a CR or LF would split the response). */
const BAD_HEADER_TEXT = /[^\t\x20-\x7e\x80-\xff]/;

let dateSecond = -1;
let dateText = '';
/** The Date header, made once a second (as node:http does). */
function httpDate(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(second * 1000).toUTCString();
  }
  return dateText;
}

/**
 * A response written straight to the connection's socket: a head, then either a body of known
 * length (`content-length` given) or chunked transfer coding (a stream), as node:http frames
 * them. `done` is told once the response has been written to its end, so the connection can
 * read the next request.
 */
export class LeanResponse implements Reply {
  headersSent = false;
  writableFinished = false;
  private head: string | null = null;
  private chunked = false;
  private closeListeners: (() => void)[] = [];
  private drainListeners: (() => void)[] = [];
  private closed = false;

  constructor(
    readonly socket: Socket,
    /** Whether the connection stays open after this response. */
    private keepAlive: boolean,
    private readonly keepAliveSeconds: number,
    private readonly done: (res: LeanResponse) => void,
  ) {}

  get destroyed(): boolean {
    return this.socket.destroyed;
  }

  /** Whether the connection may carry another request after this response. */
  get reusable(): boolean {
    return this.keepAlive;
  }

  writeHead(status: number, headers: Record<string, string>): this {
    if (this.headersSent) throw new Error('the response head was already written');
    let head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\n`;
    let length = false;
    for (const name in headers) {
      const value = headers[name];
      if (BAD_HEADER_TEXT.test(name) || BAD_HEADER_TEXT.test(value)) throw new TypeError(`invalid character in the ${JSON.stringify(name)} header`);
      const lower = name.toLowerCase();
      if (lower === 'content-length') length = true;
      else if (lower === 'connection') {
        if (value.toLowerCase().includes('close')) this.keepAlive = false;
        continue; // written below, from keepAlive
      }
      head += `${name}: ${value}\r\n`;
    }
    this.chunked = !length;
    if (this.chunked) head += 'transfer-encoding: chunked\r\n';
    head += `date: ${httpDate()}\r\n`;
    head += this.keepAlive ? `connection: keep-alive\r\nkeep-alive: timeout=${this.keepAliveSeconds}\r\n\r\n` : 'connection: close\r\n\r\n';
    this.head = head;
    this.headersSent = true;
    return this;
  }

  write(chunk: Buffer | string): boolean {
    if (!this.headersSent) this.writeHead(200, {});
    if (this.writableFinished || this.socket.destroyed) return false;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (!this.chunked) return this.send('', bytes);
    if (bytes.length === 0) return this.send(''); // an empty chunk would end the body
    return this.send(`${bytes.length.toString(16)}\r\n`, bytes, '\r\n');
  }

  end(chunk?: Buffer | string): this {
    if (this.writableFinished) return this;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (!this.headersSent) this.writeHead(200, { 'content-length': String(bytes?.length ?? 0) });
    if (!this.socket.destroyed) {
      if (!this.chunked) this.send('', bytes);
      else if (bytes && bytes.length > 0) this.send(`${bytes.length.toString(16)}\r\n`, bytes, '\r\n0\r\n\r\n');
      else this.send('0\r\n\r\n');
    }
    this.writableFinished = true;
    this.done(this);
    this.emitClose();
    return this;
  }

  destroy(): this {
    this.socket.destroy();
    return this;
  }

  on(event: 'close' | 'drain', listener: () => void): this {
    (event === 'close' ? this.closeListeners : this.drainListeners).push(listener);
    return this;
  }

  off(event: 'close' | 'drain', listener: () => void): this {
    const list = event === 'close' ? this.closeListeners : this.drainListeners;
    const i = list.indexOf(listener);
    if (i >= 0) list.splice(i, 1);
    return this;
  }

  /** The socket drained (the connection forwards it to its current response). */
  emitDrain(): void {
    for (const l of [...this.drainListeners]) l();
  }

  /** Once: at the end of the response, or when its connection closed first. */
  emitClose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const l of this.closeListeners.splice(0)) l();
  }

  /**
   * Writes the head (if not yet sent), `prefix`, `data` and `suffix` (framing: ASCII) in one
   * write. The text goes out as latin1, so `data` turned into a latin1 string is sent byte for byte.
   */
  private send(prefix: string, data?: Buffer, suffix = ''): boolean {
    const head = (this.head ?? '') + prefix;
    this.head = null;
    if (!data || data.length <= ONE_STRING_MAX) return this.socket.write(head + (data ? data.toString('latin1') : '') + suffix, 'latin1');
    this.socket.cork();
    this.socket.write(head, 'latin1');
    let more = this.socket.write(data);
    if (suffix) more = this.socket.write(suffix, 'latin1');
    this.socket.uncork();
    return more;
  }
}
