import { isUtf8 } from 'node:buffer';
import { GatewayError } from './gateway-error.js';

/**
 * Deepest nesting of objects and arrays a request may have. Real requests (messages, tool
 * schemas) stay far below it; deeper ones overflowed the stack when re-serialised (a 500).
 */
export const MAX_JSON_DEPTH = 128;

/**
 * A request body as a JSON object, or a 400: bytes that are not UTF-8 (the upstream would see
 * U+FFFD where the log keeps the raw bytes: what is logged must be what was sent), text that is
 * not JSON, anything but an object, or nesting deeper than MAX_JSON_DEPTH.
 */
export function parseRequestBody(raw: Buffer): Record<string, unknown> {
  if (!isUtf8(raw)) throw new GatewayError('invalid_request', 'invalid_utf8', 'The request body is not valid UTF-8.');
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new GatewayError('invalid_request', 'invalid_json', 'The request body is not valid JSON.');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new GatewayError('invalid_request', 'invalid_json', 'The request body must be a JSON object.');
  if (deeperThan(body, MAX_JSON_DEPTH)) {
    throw new GatewayError('invalid_request', 'json_too_deep', `The request body nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  return body as Record<string, unknown>;
}

/** Whether `value` nests objects/arrays more than `limit` deep (an explicit stack: no recursion to overflow). */
export function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (depth > limit) return true;
    if (Array.isArray(v)) {
      for (const x of v) if (x !== null && typeof x === 'object') stack.push([x, depth + 1]);
    } else {
      for (const k in v as Record<string, unknown>) {
        const x = (v as Record<string, unknown>)[k];
        if (x !== null && typeof x === 'object') stack.push([x, depth + 1]);
      }
    }
  }
  return false;
}
