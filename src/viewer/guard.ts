/**
 * The viewer listens on loopback only, and still guards against the browser: a page on another
 * site could send requests to 127.0.0.1 (or rebind a name of its own to it) and read transcripts
 * or store labels. So every request must name this server in its Host header, a write must come
 * from this server's own page (Origin) as JSON, and responses carry headers that keep them from
 * being framed or sniffed.
 */
import type { MiddlewareHandler } from 'hono';

export function guard(allowedHosts: () => readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host') ?? '';
    if (!allowedHosts().includes(host)) return c.text(`forbidden: host "${host}" is not this viewer`, 403);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const origin = c.req.header('origin');
      if (origin !== undefined && !allowedHosts().some((h) => origin === `http://${h}`)) return c.text('forbidden: cross-origin write', 403);
      if (!(c.req.header('content-type') ?? '').startsWith('application/json')) return c.text('writes must be application/json', 415);
    }
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'no-referrer');
  };
}
