/**
 * The head of a request the lean front answers itself, or null for one it leaves to node:http.
 * Only the plain, common shape is accepted (HTTP/1.1, printable ASCII, every header once, a
 * Content-Length body); anything else, malformed or merely unusual (chunked bodies, Expect,
 * Upgrade, obs-text, folded lines), goes to node:http, which answers it as it always has.
 */
export interface RequestHead {
  method: string;
  /** The request-target as sent (origin-form: starts with '/'). */
  target: string;
  /** By lower-cased name, each name once (as node:http's `req.headers` for such a request). */
  headers: Record<string, string>;
  contentLength: number;
  /** False when the client asked to close the connection after this request. */
  keepAlive: boolean;
}

/** The path of a request-target: the part before any query. */
export function pathOf(target: string): string {
  const q = target.indexOf('?');
  return q < 0 ? target : target.slice(0, q);
}

const REQUEST_LINE = /^([A-Z]+) (\/[!-~]*) HTTP\/1\.1$/;
const DIGITS = /^\d{1,15}$/;
/** Headers whose presence changes how the request is read or answered: node:http's job. */
const LEFT_TO_NODE = new Set(['transfer-encoding', 'expect', 'upgrade', '__proto__']);

/** 1 for the characters of an RFC 9110 token (a header name), by char code. */
const TOKEN_CHAR = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") TOKEN_CHAR[c.charCodeAt(0)] = 1;

/**
 * `text`: the head up to (not including) the blank line that ends it, read as latin1. Scanned
 * once, character by character (this runs on every call; regular expressions per line cost
 * several times more).
 */
export function readRequestHead(text: string): RequestHead | null {
  let lineEnd = text.indexOf('\r\n');
  if (lineEnd < 0) lineEnd = text.length;
  const m = REQUEST_LINE.exec(text.slice(0, lineEnd));
  if (!m) return null;
  const headers: Record<string, string> = {};
  let at = lineEnd + 2;
  while (at < text.length) {
    // The name: token characters up to the colon (a space or a folded line ends up here too).
    let i = at;
    let upper = false;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 58 /* : */) break;
      if (c >= 128 || TOKEN_CHAR[c] === 0) return null;
      if (c >= 65 && c <= 90) upper = true;
    }
    if (i === at || i === text.length) return null;
    const raw = text.slice(at, i);
    const name = upper ? raw.toLowerCase() : raw;
    // The value: printable ASCII and tabs to the CRLF, without the whitespace around it.
    let start = i + 1;
    let end = start;
    for (; end < text.length; end++) {
      const c = text.charCodeAt(end);
      if (c === 13) {
        if (text.charCodeAt(end + 1) !== 10) return null;
        break;
      }
      if ((c < 32 && c !== 9) || c > 126) return null;
    }
    let stop = end;
    while (start < stop && (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9)) start++;
    while (stop > start && (text.charCodeAt(stop - 1) === 32 || text.charCodeAt(stop - 1) === 9)) stop--;
    if (LEFT_TO_NODE.has(name) || headers[name] !== undefined) return null;
    headers[name] = text.slice(start, stop);
    at = end + 2;
  }
  const length = headers['content-length'];
  if (headers.host === undefined || length === undefined || !DIGITS.test(length)) return null;
  const connection = headers.connection?.toLowerCase() ?? '';
  return { method: m[1], target: m[2], headers, contentLength: Number(length), keepAlive: !connection.includes('close') };
}
