/** A reply that does not follow HTTP/1.1 (RFC 9112); the connection cannot be used again. */
export class HttpParseError extends Error {}

export interface ResponseHead {
  status: number;
  /** By lower-cased name; repeated headers joined with ", ". */
  headers: Map<string, string>;
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
const CHUNK_SIZE = /^[0-9A-Fa-f]{1,12}$/;
const DIGITS = /^\d{1,15}$/;
const HEAD_END = Buffer.from('\r\n\r\n');
const LINE_END = Buffer.from('\r\n');

/** `Content-Length`, which may be repeated (joined with commas) only with one value. */
function contentLength(value: string): number {
  if (DIGITS.test(value)) return Number(value);
  const values = new Set(value.split(',').map((v) => v.trim()));
  const [only] = values;
  if (values.size !== 1 || !DIGITS.test(only)) throw new HttpParseError(`bad content-length "${value.slice(0, 40)}"`);
  return Number(only);
}

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
          const end = buf.indexOf(HEAD_END, at);
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
          const end = buf.indexOf(LINE_END, at);
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
          const end = buf.indexOf(LINE_END, at);
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
    const lineEnd = text.indexOf('\r\n');
    const statusLine = lineEnd < 0 ? text : text.slice(0, lineEnd);
    const m = STATUS_LINE.exec(statusLine);
    if (!m) throw new HttpParseError(`not an HTTP/1.x status line: "${statusLine.slice(0, 40)}"`);
    const status = Number(m[2]);
    // Scanned in place rather than split and matched line by line: this runs on every proxied call.
    const headers = new Map<string, string>();
    let at = lineEnd < 0 ? text.length : lineEnd + 2;
    while (at < text.length) {
      let end = text.indexOf('\r\n', at);
      if (end < 0) end = text.length;
      const colon = text.indexOf(':', at);
      const name = colon > at && colon < end ? text.slice(at, colon) : '';
      // Whitespace in a name is how responses get split or smuggled (RFC 9112 section 5.1).
      if (name === '' || name.includes(' ') || name.includes('\t')) throw new HttpParseError(`bad header line "${text.slice(at, Math.min(end, at + 40))}"`);
      const key = name.toLowerCase();
      const value = text.slice(colon + 1, end).trim();
      const prev = headers.get(key);
      headers.set(key, prev === undefined ? value : `${prev}, ${value}`);
      at = end + 2;
    }
    if (status < 200) {
      if (status === 101) throw new HttpParseError('the upstream switched protocols');
      return; // an interim reply (100 Continue, 103 Early Hints): the real one follows
    }
    const connection = headers.get('connection')?.toLowerCase() ?? '';
    this.keepAlive = m[1] === '1' ? !connection.includes('close') : connection.includes('keep-alive');
    this.state = this.framing(status, headers);
    if (this.state === 'until-close') this.keepAlive = false;
    this.events.head({ status, headers, keepAlive: this.keepAlive });
    if (this.state === 'fixed' && this.remaining === 0) this.finish();
  }

  /** How the body's end is known (RFC 9112 section 6.3). */
  private framing(status: number, headers: Map<string, string>): State {
    if (this.noBody || status === 204 || status === 304) {
      this.remaining = 0;
      return 'fixed';
    }
    const te = headers.get('transfer-encoding');
    if (te !== undefined) return /(?:^|,)\s*chunked\s*$/i.test(te) ? 'chunk-size' : 'until-close';
    const cl = headers.get('content-length');
    if (cl === undefined) return 'until-close';
    this.remaining = contentLength(cl);
    return 'fixed';
  }

  private finish(): void {
    this.state = 'done';
    this.events.end();
  }
}
