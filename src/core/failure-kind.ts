/**
 * Short names for why something failed, so failures can be counted by kind ("20 × HTTP 500,
 * 6 × ECONNREFUSED") instead of listed one message at a time.
 */
import { ProviderError, type ProviderErrorKind } from './errors.js';

const PROVIDER_KINDS: Record<ProviderErrorKind, string> = {
  rate_limit: 'HTTP 429',
  server: 'server error',
  timeout: 'timeout',
  connection: 'connection failed',
  bad_response: 'bad response body',
  client: 'request rejected',
  auth: 'authentication failed',
};

/** The kind of a failed call or sample: `HTTP 500`, `ECONNREFUSED`, `timeout`, `unparseable response body`... */
export function failureKind(err: unknown): string {
  if (err instanceof ProviderError) {
    if (err.status !== undefined) return `HTTP ${err.status}`;
    return kindInText(err.message) ?? PROVIDER_KINDS[err.kind];
  }
  if (err instanceof Error) return kindInText(err.message) ?? err.name;
  return 'error';
}

/** A failure kind named in a message (as ProviderError messages name them), if any. */
export function kindInText(text: string): string | undefined {
  const http = /\bHTTP (\d{3})\b/.exec(text);
  if (http) return `HTTP ${http[1]}`;
  const code = /\b(ECONN[A-Z]+|ENOTFOUND|EAI_AGAIN|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|UND_ERR_[A-Z_]+)\b/.exec(text);
  if (code) return code[1];
  if (/unparseable response body/i.test(text)) return 'unparseable response body';
  if (/truncated/i.test(text)) return 'truncated response body';
  if (/no answer within|timed? ?out|before the timeout/i.test(text)) return 'timeout';
  return undefined;
}

/**
 * A grader's unscored reason reduced to its kind: the text before its first ": " (what follows
 * is usually the reply or the item), or for a failed judge call the call's failure kind.
 */
export function reasonKind(reason: string | null): string {
  if (!reason) return 'no reason given';
  const failedCall = /^judge call failed: (.*)$/s.exec(reason);
  if (failedCall) return `judge call failed (${kindInText(failedCall[1]) ?? 'error'})`;
  const head = reason.split(/: |; /)[0].trim();
  return head.length > 100 ? `${head.slice(0, 99)}…` : head;
}

/** "20 × HTTP 500, 6 × ECONNREFUSED", largest first. */
export function formatCounts(counts: Iterable<{ kind: string; n: number }>): string {
  return [...counts].sort((a, b) => b.n - a.n || a.kind.localeCompare(b.kind)).map((c) => `${c.n} × ${c.kind}`).join(', ');
}
