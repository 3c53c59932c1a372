/** A reply that does not follow HTTP/1.1 (RFC 9112); the connection cannot be used again. */
export class HttpParseError extends Error {}

export interface ResponseHead {
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Whether the connection may carry another request once this reply has ended. */
  keepAlive: boolean;
}

export interface ResponseEvents {
  head(head: ResponseHead): void;
  body(chunk: Buffer): void;
  end(): void;
}

/** Head (status line and headers) and chunk-size or trailer lines larger than this are refused. */
export const MAX_HEAD_BYTES = 64 * 1024;
const MAX_LINE_BYTES = 4 * 1024;

type State = 'head' | 'fixed' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailers' | 'until-close' | 'done';

const STATUS_LINE = /^HTTP\/1\.([01]) ([1-9]\d\d)(?: |$)/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const CHUNK_SIZE = /^[0-9A-Fa-f]{1,12}$/;

/**
 * Reads one HTTP/1.x response from the bytes of a connection as they arrive, reporting the head
 * and the body's bytes (de-chunked) as soon as each is known: a stream's chunks are passed on as
 * they come. Bodies framed by Content-Length, chunked transfer coding, or the connection's end.
 * Throws HttpParseError on anything malformed.
 */
export class ResponseParser {
  private state: State = 'head';
  /** Bytes of an incomplete head or line, kept until the rest arrives. */
  private carry: Buffer | null = null;
  private remaining = 0;
  private keepAlive = false;
  /** Bytes came after the reply's end: the connection is out of step and cannot be reused. */
  private extra = false;

  constructor(
    private readonly events: ResponseEvents,
    /** True for a reply to HEAD, which has no body whatever its headers say. */
    private readonly noBody = false,
  ) {}

  get done(): boolean {
    return this.state === 'done';
  }

  /** Whether the connection can carry the next request (the reply ended cleanly and said so). */
  get reusable(): boolean {
    return this.state === 'done' && this.keepAlive && !this.extra;
  }

  /** Whether the head has been read (so a failure now is a cut-off reply, not a missing one). */
  get started(): boolean {
    return this.state !== 'head';
  }

  push(data: Buffer): void {
    if (this.state === 'done') {
      if (data.length) this.extra = true;
      return;
    }
    let buf = data;
    if (this.carry) {
      buf = Buffer.concat([this.carry, data]);
      this.carry = null;
    }
    let at = 0;
    while (at < buf.length && !this.done) {
      switch (this.state) {
        case 'head': {
          const end = buf.indexOf('\r\n\r\n', at, 'latin1');
          if (end < 0) return this.keep(buf, at, MAX_HEAD_BYTES, 'response head');
          this.readHead(buf.toString('latin1', at, end));
          at = end + 4;
          break;
        }
        case 'fixed':
        case 'chunk-data': {
          const n = Math.min(this.remaining, buf.length - at);
          this.events.body(buf.subarray(at, at + n));
          at += n;
          this.remaining -= n;
          if (this.remaining === 0) {
            if (this.state === 'fixed') this.finish();
            else this.state = 'chunk-end';
          }
          break;
        }
        case 'chunk-end': {
          // The CRLF after a chunk's data.
          if (buf.length - at < 2) return this.keep(buf, at, 2, 'chunk');
          if (buf[at] !== 0x0d || buf[at + 1] !== 0x0a) throw new HttpParseError('a chunk is not followed by CRLF');
          at += 2;
          this.state = 'chunk-size';
          break;
        }
        case 'chunk-size': {
          const end = buf.indexOf('\r\n', at, 'latin1');
          if (end < 0) return this.keep(buf, at, MAX_LINE_BYTES, 'chunk size line');
          const line = buf.toString('latin1', at, end);
          at = end + 2;
          const semi = line.indexOf(';'); // chunk extensions are ignored
          const hex = (semi < 0 ? line : line.slice(0, semi)).trim();
          if (!CHUNK_SIZE.test(hex)) throw new HttpParseError(`bad chunk size "${hex.slice(0, 20)}"`);
          this.remaining = parseInt(hex, 16);
          this.state = this.remaining === 0 ? 'trailers' : 'chunk-data';
          break;
        }
        case 'trailers': {
          const end = buf.indexOf('\r\n', at, 'latin1');
          if (end < 0) return this.keep(buf, at, MAX_HEAD_BYTES, 'trailer');
          const empty = end === at;
          at = end + 2;
          if (empty) this.finish(); // trailer fields themselves are not used
          break;
        }
        case 'until-close':
          this.events.body(at === 0 ? buf : buf.subarray(at));
          at = buf.length;
          break;
      }
    }
    if (at < buf.length) this.extra = true;
  }

  /** The connection ended: that ends a reply framed by it; any other unfinished reply was cut off. */
  close(): void {
    if (this.state === 'until-close') return this.finish();
    if (this.state !== 'done') throw new HttpParseError(this.state === 'head' ? 'the connection closed before a reply' : 'the reply was cut off');
  }

  private keep(buf: Buffer, at: number, limit: number, what: string): void {
    if (buf.length - at > limit) throw new HttpParseError(`${what} larger than ${limit} bytes`);
    this.carry = buf.subarray(at);
  }

  private readHead(text: string): void {
    const lines = text.split('\r\n');
    const m = STATUS_LINE.exec(lines[0]);
    if (!m) throw new HttpParseError(`not an HTTP/1.x status line: "${lines[0].slice(0, 40)}"`);
    const status = Number(m[2]);
    const headers: Record<string, string> = {};
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i];
      const colon = line.indexOf(':');
      const name = colon > 0 ? line.slice(0, colon) : '';
      if (!TOKEN.test(name)) throw new HttpParseError(`bad header line "${line.slice(0, 40)}"`);
      const key = name.toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
    }
    if (status < 200) {
      if (status === 101) throw new HttpParseError('the upstream switched protocols');
      return; // an interim reply (100 Continue, 103 Early Hints): the real one follows
    }
    const connection = (headers.connection ?? '').toLowerCase();
    this.keepAlive = m[1] === '1' ? !/\bclose\b/.test(connection) : /\bkeep-alive\b/.test(connection);
    this.state = this.framing(status, headers);
    if (this.state === 'until-close') this.keepAlive = false;
    this.events.head({ status, headers, keepAlive: this.keepAlive });
    if (this.state === 'fixed' && this.remaining === 0) this.finish();
  }

  /** How the body's end is known (RFC 9112 section 6.3). */
  private framing(status: number, headers: Record<string, string>): State {
    if (this.noBody || status === 204 || status === 304) {
      this.remaining = 0;
      return 'fixed';
    }
    const te = headers['transfer-encoding'];
    if (te !== undefined) return /(?:^|,)\s*chunked\s*$/i.test(te) ? 'chunk-size' : 'until-close';
    const cl = headers['content-length'];
    if (cl === undefined) return 'until-close';
    const values = new Set(cl.split(',').map((v) => v.trim()));
    const [only] = values;
    if (values.size !== 1 || !/^\d{1,15}$/.test(only)) throw new HttpParseError(`bad content-length "${cl.slice(0, 40)}"`);
    this.remaining = Number(only);
    return 'fixed';
  }

  private finish(): void {
    this.state = 'done';
    this.events.end();
  }
}
