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

const REQUEST_LINE = /^([A-Z]+) (\/[!-~]*) HTTP\/1\.1$/;
/** Printable ASCII and tabs only, lines ending in CRLF (no lone CR or LF). */
const PLAIN_HEAD = /^(?:[\t\x20-\x7e]*\r\n)*[\t\x20-\x7e]*$/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const DIGITS = /^\d{1,15}$/;
/** Headers whose presence changes how the request is read or answered: node:http's job. */
const LEFT_TO_NODE = new Set(['transfer-encoding', 'expect', 'upgrade', '__proto__']);

/** `text`: the head up to (not including) the blank line that ends it, read as latin1. */
export function readRequestHead(text: string): RequestHead | null {
  if (!PLAIN_HEAD.test(text)) return null;
  let lineEnd = text.indexOf('\r\n');
  if (lineEnd < 0) lineEnd = text.length;
  const m = REQUEST_LINE.exec(text.slice(0, lineEnd));
  if (!m) return null;
  const headers: Record<string, string> = {};
  let at = lineEnd + 2;
  while (at < text.length) {
    let end = text.indexOf('\r\n', at);
    if (end < 0) end = text.length;
    const colon = text.indexOf(':', at);
    if (colon < 0 || colon > end) return null;
    const name = text.slice(at, colon).toLowerCase();
    if (!TOKEN.test(name) || LEFT_TO_NODE.has(name) || headers[name] !== undefined) return null;
    headers[name] = text.slice(colon + 1, end).replace(/^[ \t]+|[ \t]+$/g, '');
    at = end + 2;
  }
  const length = headers['content-length'];
  if (headers.host === undefined || length === undefined || !DIGITS.test(length)) return null;
  const connection = headers.connection?.toLowerCase() ?? '';
  return { method: m[1], target: m[2], headers, contentLength: Number(length), keepAlive: !connection.includes('close') };
}
